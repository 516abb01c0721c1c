// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Portvakt",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "portvakt", targets: ["portvakt"]),
        .library(name: "PortvaktRelyingParty", targets: ["PortvaktRelyingParty"]),
        .executable(name: "portvakt-demo-portal", targets: ["portvakt-demo-portal"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
    ],
    targets: [
        // Pure rules: configuration, key lifecycle, OAuth rules, tokens and claims, discovery.
        // No I/O, no NIO, no database; hashing (SHA-256) is its only cryptography.
        // The common-password list and the business pages' texts (a TextCatalogue) are data files that EmbedDataFiles
        // turns into Swift at build time.
        .target(
            name: "PortvaktCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: [
                "Passwords/common-passwords.txt", "Passwords/README.md",
                "Businesses/BusinessText.json", "Accounts/AccountText.json",
                "BankID/BankIDText.json", "Pages/PageText.json",
                "Mail/MailText.json", "Applications/ApplicationText.json", "Staff/StaffText.json",
            ],
            plugins: ["EmbedDataFiles"]),
        // Debian's libargon2 (the reference implementation) for password hashing.
        .systemLibrary(name: "CArgon2", pkgConfig: "libargon2", providers: [.apt(["libargon2-dev"])]),
        // Debian's libqrencode, for the animated BankID QR code as SVG.
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // Debian's libcrypto (OpenSSL 3), for RS256: RSA signing about 2.4 times as fast as swift-crypto's here.
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // Key material, sealing at rest, JWK export, the token signer implementations, password hashing.
        .target(name: "PortvaktCrypto", dependencies: [
            "PortvaktCore", "CArgon2", "COpenSSL",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
        // Store protocols and their one SQL implementation, run on SQLite and PostgreSQL.
        .target(name: "PortvaktStore", dependencies: [
            "PortvaktCore",
            .product(name: "SQLKit", package: "sql-kit"),
            .product(name: "SQLiteKit", package: "sqlite-kit"),
            .product(name: "PostgresKit", package: "postgres-kit"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // BankID: the RP API v6 client (HTTP, mutual TLS). No server framework: production talks to BankID here.
        .target(name: "PortvaktBankID", dependencies: [
            "PortvaktCore",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        // The simulator of the BankID service and the user's app, a Hummingbird app of its own. Only the CLI
        // (`portvakt bankid-simulator`, and `serve` embedding it on a developer's machine) and tests use it.
        .target(name: "PortvaktBankIDSimulator", dependencies: [
            "PortvaktCore", "PortvaktBankID",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTLS", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The Hummingbird application: controllers, middleware, the key ring, buildApplication.
        // The OpenAPI document and the pages' templates and static files are data files that EmbedDataFiles turns
        // into Swift at build time.
        .target(name: "PortvaktServer", dependencies: [
            "PortvaktCore", "PortvaktCrypto", "PortvaktStore", "PortvaktBankID", "CQRencode",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "JWTKit", package: "jwt-kit"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ], exclude: ["API/openapi.json", "Pages/Templates", "Pages/Static"], plugins: ["EmbedDataFiles"]),
        // The commands of the `portvakt` tool, as a library so tests can run them.
        .target(name: "PortvaktCLI", dependencies: [
            "PortvaktCore", "PortvaktCrypto", "PortvaktStore", "PortvaktServer", "PortvaktBankID", "PortvaktBankIDSimulator",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "portvakt", dependencies: ["PortvaktCLI"]),
        // Benchmarks: what token issuance costs beside its signatures (`swift run -c release portvakt-bench`).
        .executableTarget(name: "portvakt-bench", dependencies: [
            "PortvaktCore", "PortvaktCrypto", "PortvaktCLI", "PortvaktServer", .product(name: "Logging", package: "swift-log"),
        ]),
        // The relying-party kit for Swift portal apps: discovery, JWKS, token verification, the membership claims,
        // bearer middleware and the browser login. It stands alone: nothing of the server's targets.
        .target(name: "PortvaktRelyingParty", dependencies: [
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
        ]),
        // The demo portal "Mina sidor" on http://localhost:3000, built only on the kit (`scripts/run` starts it).
        .executableTarget(name: "portvakt-demo-portal", dependencies: [
            "PortvaktRelyingParty",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
        // Data files into Swift at build time: the build-tool plugin (which files, and what each becomes) and its tool.
        .plugin(name: "EmbedDataFiles", capability: .buildTool(), dependencies: ["portvakt-embed"]),
        .executableTarget(name: "portvakt-embed"),

        .testTarget(name: "PortvaktCoreTests", dependencies: ["PortvaktCore"]),
        .testTarget(name: "PortvaktRelyingPartyTests", dependencies: [
            "PortvaktRelyingParty",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "PortvaktBankIDSimulatorTests", dependencies: ["PortvaktBankIDSimulator", "PortvaktCore"]),
        // KnownAnswer/: a fixed RSA test key, a signing input and the signature OpenSSL's command line gave for them.
        .testTarget(name: "PortvaktCryptoTests", dependencies: [
            "PortvaktCrypto",
            .product(name: "JWTKit", package: "jwt-kit"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ], resources: [.copy("KnownAnswer")]),
        .testTarget(name: "PortvaktStoreTests", dependencies: [
            "PortvaktStore", "PortvaktCore",
            .product(name: "PostgresKit", package: "postgres-kit"),
        ]),
        .testTarget(name: "PortvaktServerTests", dependencies: [
            "PortvaktServer", "PortvaktCLI", "PortvaktCrypto", "PortvaktBankID", "PortvaktBankIDSimulator",
            .product(name: "X509", package: "swift-certificates"),
            .product(name: "HummingbirdTLS", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "JWTKit", package: "jwt-kit"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            // Only to count rows (a client_credentials token writes none): the store is otherwise used through its protocols.
            .product(name: "SQLKit", package: "sql-kit"),
        ]),
    ]
)

// Every Swift target spells existential types out (`any Store`, SE-0335), as the upcoming language mode will ask.
for target in package.targets where target.type != .system && target.type != .plugin {
    target.swiftSettings = (target.swiftSettings ?? []) + [.enableUpcomingFeature("ExistentialAny")]
}
