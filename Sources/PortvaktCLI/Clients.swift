import ArgumentParser
import Foundation
import PortvaktCore
import PortvaktCrypto
import PortvaktStore

struct Clients: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Register and manage relying parties (OpenID Connect clients).",
        subcommands: [Add.self, List.self, Show.self, RotateSecret.self, Remove.self])
}

extension ClientAuthMethod: ExpressibleByArgument {}
extension GrantType: ExpressibleByArgument {}

extension Clients {
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a client. A generated secret is shown once; only its SHA-256 digest is stored.")
        @OptionGroup var options: CommonOptions
        @Option(help: "The client_id: letters, digits, '.', '_' or '-'.") var id: String
        @Option(help: "The name users see on the consent page.") var name: String
        @Option(name: .customLong("redirect-uri"), help: "An allowed redirect URI (repeatable); https, or http on loopback.")
        var redirectURIs: [String] = []
        @Option(name: .customLong("post-logout-redirect-uri"), help: "An allowed post-logout redirect URI (repeatable).")
        var postLogoutRedirectURIs: [String] = []
        @Option(name: .customLong("auth-method"), help: "client_secret_basic (default), client_secret_post, private_key_jwt or none.")
        var authMethod: ClientAuthMethod = .clientSecretBasic
        @Option(name: .customLong("jwks-uri"), help: "Where a private_key_jwt client publishes its keys.") var jwksURI: String?
        @Option(name: .customLong("grant"), help: "authorization_code, refresh_token or client_credentials (repeatable; default: the first two).")
        var grants: [GrantType] = []
        @Option(name: .customLong("scope"), help: "A scope the client may ask for (repeatable; default: openid profile email).")
        var scopes: [String] = []
        @Option(name: .customLong("id-token-signed-response-alg"), help: "RS256 (default), ES256 or EdDSA.")
        var idTokenAlg: SigningAlgorithm = .rs256
        @Flag(name: .customLong("first-party"), help: "One of our own apps: users are not asked for consent.") var firstParty = false
        @Flag(name: .customLong("no-pkce"), help: "Let this confidential client skip PKCE (RFC 9700 advises against it; never for --auth-method none).")
        var noPKCE = false
        @Flag(name: .customLong("always-refresh-token"), help: "With --first-party: a refresh token with every login, offline_access or not; it ends with the user's login session unless offline_access was granted.")
        var alwaysRefreshToken = false
        @Option(name: .customLong("backchannel-logout-uri"), help: "Where to POST a logout token when a user's session with this client ends (OpenID Connect Back-Channel Logout).")
        var backchannelLogoutURI: String?
        @Flag(name: .customLong("backchannel-logout-session-required"), help: "The client needs sid in every logout token.")
        var backchannelLogoutSessionRequired = false
        @Flag(help: "Print {\"client_id\": ..., \"client_secret\": ...}.") var json = false

        func run() async throws {
            try await reportingErrors {
                let configuration = try options.loadConfiguration()
                guard configuration.keys.algorithms.contains(idTokenAlg) else {
                    throw CLIError("--id-token-signed-response-alg: \(idTokenAlg.rawValue) is not in keys.algorithms")
                }
                let secret = authMethod.usesSecret ? RandomToken.generate() : nil
                let client = ClientRegistration(
                    id: id, name: name, redirectURIs: redirectURIs, postLogoutRedirectURIs: postLogoutRedirectURIs,
                    authMethod: authMethod, jwksURI: jwksURI, grantTypes: grants.isEmpty ? [.authorizationCode, .refreshToken] : grants,
                    scopes: scopes.isEmpty ? ["openid", "profile", "email"] : scopes, firstParty: firstParty, requiresPKCE: !noPKCE,
                    alwaysRefreshToken: alwaysRefreshToken, backchannelLogoutURI: backchannelLogoutURI,
                    backchannelLogoutSessionRequired: backchannelLogoutSessionRequired,
                    idTokenSignedResponseAlg: idTokenAlg, secretDigest: secret.map(Digest.sha256), createdAt: Date())
                do {
                    try client.validate()
                } catch {
                    throw CLIError("\(error)")
                }
                try await withStore(configuration) { store in
                    do {
                        try await store.createClient(client)
                    } catch let error as StoreError where error.isConflict {
                        throw CLIError("--id: \(error.message)")
                    }
                    try await store.record(AuditEvent(
                        at: Date(), actor: cliActor, action: "client.registered", target: client.id,
                        details: ["auth_method": client.authMethod.rawValue, "pkce_required": client.requiresPKCE ? "yes" : "no"]))
                }
                printCredentials(clientID: client.id, secret: secret, json: json, verb: "registered")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the registered clients.")
        @OptionGroup var options: CommonOptions

        func run() async throws {
            try await reportingErrors {
                let clients = try await withStore(try options.loadConfiguration()) { try await $0.clients() }
                let rows = clients.map { client in
                    [client.id, client.name, client.authMethod.rawValue, client.grantTypes.map(\.rawValue).joined(separator: ","),
                     client.firstParty ? "yes" : "no"]
                }
                print(TextTable.render(header: ["ID", "NAME", "AUTH", "GRANTS", "FIRST-PARTY"], rows: rows))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one client's registration (never its secret).")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The client_id.") var id: String

        func run() async throws {
            try await reportingErrors {
                guard let client = try await withStore(try options.loadConfiguration(), { try await $0.client(id: id) }) else {
                    throw CLIError("no client has the id \(id)")
                }
                let lines: [(String, String)] = [
                    ("client_id", client.id), ("name", client.name),
                    ("token_endpoint_auth_method", client.authMethod.rawValue),
                    ("redirect_uris", client.redirectURIs.joined(separator: " ")),
                    ("post_logout_redirect_uris", client.postLogoutRedirectURIs.joined(separator: " ")),
                    ("grant_types", client.grantTypes.map(\.rawValue).joined(separator: " ")),
                    ("scopes", client.scopes.joined(separator: " ")), ("jwks_uri", client.jwksURI ?? "-"),
                    ("id_token_signed_response_alg", client.idTokenSignedResponseAlg.rawValue),
                    ("first_party", client.firstParty ? "yes" : "no"),
                    ("backchannel_logout_uri", client.backchannelLogoutURI ?? "-"),
                    ("backchannel_logout_session_required", client.backchannelLogoutSessionRequired ? "yes" : "no"),
                    ("always_refresh_token", client.alwaysRefreshToken ? "yes (ends with the login session unless offline_access)" : "no"),
                    ("pkce_required", client.requiresPKCE ? "yes" : "no (registered with --no-pkce)"), ("has_secret", client.secretDigest == nil ? "no" : "yes"),
                    ("created_at", Timestamp.iso(client.createdAt)),
                ]
                print(lines.map { "\($0.0): \($0.1)" }.joined(separator: "\n"))
            }
        }
    }

    struct RotateSecret: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-secret",
            abstract: "Give a client a new secret, shown once. The old one stops working on every node within keys.refresh_interval seconds.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The client_id.") var id: String
        @Flag(help: "Print {\"client_id\": ..., \"client_secret\": ...}.") var json = false

        func run() async throws {
            try await reportingErrors {
                let secret = RandomToken.generate()
                try await withStore(try options.loadConfiguration()) { store in
                    guard let client = try await store.client(id: id) else { throw CLIError("no client has the id \(id)") }
                    guard client.authMethod.usesSecret else {
                        throw CLIError("client \(id) authenticates with \(client.authMethod.rawValue): it has no secret")
                    }
                    _ = try await store.updateClientSecret(id: id, digest: Digest.sha256(secret))
                    try await store.record(AuditEvent(at: Date(), actor: cliActor, action: "client.secret_rotated", target: id))
                }
                printCredentials(clientID: id, secret: secret, json: json, verb: "new secret for")
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a client. It stops working on every node within keys.refresh_interval seconds.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The client_id.") var id: String

        func run() async throws {
            try await reportingErrors {
                try await withStore(try options.loadConfiguration()) { store in
                    guard try await store.removeClient(id: id) else { throw CLIError("no client has the id \(id)") }
                    try await store.record(AuditEvent(at: Date(), actor: cliActor, action: "client.removed", target: id))
                }
                print("removed client \(id)")
            }
        }
    }
}

private func printCredentials(clientID: String, secret: String?, json: Bool, verb: String) {
    if json {
        var object: [String: String] = ["client_id": clientID]
        object["client_secret"] = secret
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try! encoder.encode(object), as: UTF8.self))  // string maps always encode
    } else {
        print("\(verb) client \(clientID)")
        if let secret {
            print("client_secret: \(secret)")
            print("The secret is shown only now; Portvakt keeps only its SHA-256 digest.")
        }
    }
}
