import ArgumentParser
import Foundation
import PortvaktCore
import PortvaktCrypto
import PortvaktServer
import PortvaktStore

struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage signing keys: next (published) -> active (signs) -> retired (published) -> removed.",
        subcommands: [List.self, Generate.self, Rotate.self, Retire.self, Remove.self, Revoke.self])
}

extension SigningAlgorithm: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// Runs a key command against the configured store with a key manager.
private func withKeyManager(_ options: CommonOptions, _ body: (KeyManager, Configuration) async throws -> Void) async throws {
    try await reportingErrors {
        let configuration = try options.loadConfiguration()
        try await withStore(configuration) { store in
            let sealer = try await PortvaktServices.openSealer(configuration, store: store)
            try await body(KeyManager(store: store, sealer: sealer, policy: configuration.keyPolicy), configuration)
        }
    }
}

extension Keys {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show every key: kid, algorithm, state and its times.")
        @OptionGroup var options: CommonOptions
        @Flag(help: "Print JSON instead of a table.") var json = false

        func run() async throws {
            try await reportingErrors {
                let configuration = try options.loadConfiguration()
                let keys = try await withStore(configuration) { try await $0.signingKeys().map(\.info) }
                print(json ? KeyTable.json(keys) : KeyTable.text(keys))
            }
        }
    }

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a key: active at once if the algorithm has none, else published now and signing once that is safe.")
        @OptionGroup var options: CommonOptions
        @Option(help: "RS256, ES256 or EdDSA.") var alg: SigningAlgorithm

        func run() async throws {
            try await withKeyManager(options) { manager, _ in
                print(KeyTable.describe(try await manager.generate(alg, now: Date(), actor: cliActor)))
            }
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pre-publish a new key, or promote the pre-published one once every cached JWKS has it.",
            discussion: "Without --alg, every configured algorithm. Running nodes promote a pre-published key by themselves at the time printed.")
        @OptionGroup var options: CommonOptions
        @Option(help: "RS256, ES256 or EdDSA (default: every configured algorithm).") var alg: SigningAlgorithm?

        func run() async throws {
            try await withKeyManager(options) { manager, configuration in
                for algorithm in alg.map({ [$0] }) ?? configuration.keys.algorithms {
                    print(KeyTable.describe(try await manager.rotate(algorithm, now: Date(), actor: cliActor)))
                }
            }
        }
    }

    struct Retire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop a key from signing; it stays published until the tokens it signed have expired.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The kid.") var kid: String

        func run() async throws {
            try await withKeyManager(options) { manager, _ in
                print(KeyTable.describe(try await manager.retire(kid, now: Date(), actor: cliActor)))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a compromised key at once: its successor signs, it leaves the JWKS, and the grants that lived while it signed end.",
            discussion: "Only for a compromise (--compromised): relying parties with a cached JWKS may still accept its tokens until keys.jwks_max_age has passed. For planned changes use rotate, retire and remove.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The kid.") var kid: String
        @Flag(help: "Confirms the key is compromised and must go now, whatever it costs the users.") var compromised = false

        func run() async throws {
            try await withKeyManager(options) { manager, configuration in
                guard compromised else {
                    throw CLIError("keys revoke: add --compromised to revoke \(kid) at once; for a planned change use `portvakt keys rotate`, `retire` and `remove`")
                }
                let now = Date()
                let plan = try await manager.revokeCompromised(kid, now: now, actor: cliActor)
                print(KeyTable.describeRevocation(plan, jwksMaxAge: configuration.keys.jwksMaxAge, now: now))
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take a retired key out of the JWKS for good and wipe its private part.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The kid.") var kid: String

        func run() async throws {
            try await withKeyManager(options) { manager, _ in
                print(KeyTable.describe(try await manager.remove(kid, now: Date(), actor: cliActor)))
            }
        }
    }
}
