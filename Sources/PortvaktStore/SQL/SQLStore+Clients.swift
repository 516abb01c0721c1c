import Foundation
import PortvaktCore
import SQLKit

extension SQLStore: ClientStore {
    public func createClient(_ client: ClientRegistration) async throws {
        let backend = self.backend
        let values = try Self.clientValues(client)
        do {
            try await backend.withTransaction { db in
                try await db.insert(into: "clients").columns(Self.clientColumns).values(values).run()
                try await Self.bumpClientsVersion(db)
            }
        } catch let error where backend.isUniqueViolation(error) {
            throw StoreError.conflict("a client with the id \(client.id) already exists")
        }
    }

    public func client(id: String) async throws -> ClientRegistration? {
        try await backend.withSession { db in
            try await db.select().column("*").from("clients").where("id", .equal, id).first().map(Self.decodeClient)
        }
    }

    public func clients() async throws -> [ClientRegistration] {
        try await backend.withSession { db in try await Self.allClients(db) }
    }

    public func updateClientSecret(id: String, digest: [UInt8]) async throws -> Bool {
        try await backend.withTransaction { db in
            let updated = try await !db.update("clients").set("secret_digest", to: Data(digest)).where("id", .equal, id)
                .returning("id").all().isEmpty
            if updated { try await Self.bumpClientsVersion(db) }
            return updated
        }
    }

    public func removeClient(id: String) async throws -> Bool {
        try await backend.withTransaction { db in
            let removed = try await !db.delete(from: "clients").where("id", .equal, id).returning("id").all().isEmpty
            if removed { try await Self.bumpClientsVersion(db) }
            return removed
        }
    }

    public func clientsVersion() async throws -> Int64 {
        try await backend.withSession { db in try await Self.readClientsVersion(db) }
    }

    public func clientList() async throws -> ClientList {
        try await backend.withSession { db in
            // The version first: a change committed between the two reads shows as a newer version next time.
            let version = try await Self.readClientsVersion(db)
            return ClientList(version: version, clients: try await Self.allClients(db))
        }
    }

    /// Part of every change to `clients`, in its transaction: the one row of `clients_version` grows by one.
    private static func bumpClientsVersion(_ db: any SQLDatabase) async throws {
        try await db.raw("UPDATE clients_version SET version = version + 1 WHERE id = 1").run()
    }

    private static func readClientsVersion(_ db: any SQLDatabase) async throws -> Int64 {
        guard let row = try await db.raw("SELECT version FROM clients_version WHERE id = 1").first() else {
            throw StoreError.corrupt("the clients_version row is missing")
        }
        return try row.decode(column: "version", as: Int64.self)
    }

    private static func allClients(_ db: any SQLDatabase) async throws -> [ClientRegistration] {
        try await db.select().column("*").from("clients").orderBy("id").all().map(Self.decodeClient)
    }

    static let clientColumns = [
        "id", "name", "redirect_uris", "post_logout_redirect_uris", "auth_method", "jwks_uri", "grant_types", "scopes",
        "first_party", "id_token_alg", "secret_digest", "created_at", "pkce_required",
        "always_refresh_token", "backchannel_logout_uri", "backchannel_logout_session_required",
    ]

    static func clientValues(_ client: ClientRegistration) throws -> [any SQLExpression] {
        [
            SQLBind(client.id), SQLBind(client.name), SQLBind(try JSONText.encode(client.redirectURIs)),
            SQLBind(try JSONText.encode(client.postLogoutRedirectURIs)), SQLBind(client.authMethod.rawValue),
            SQLBind(client.jwksURI), SQLBind(try JSONText.encode(client.grantTypes.map(\.rawValue))),
            SQLBind(try JSONText.encode(client.scopes)), SQLBind(client.firstParty),
            SQLBind(client.idTokenSignedResponseAlg.rawValue), SQLBind(client.secretDigest.map { Data($0) }),
            SQLBind(Timestamp.seconds(client.createdAt)), SQLBind(client.requiresPKCE),
            SQLBind(client.alwaysRefreshToken), SQLBind(client.backchannelLogoutURI), SQLBind(client.backchannelLogoutSessionRequired),
        ]
    }

    static func decodeClient(_ row: any SQLRow) throws -> ClientRegistration {
        let id = try row.decode(column: "id", as: String.self)
        guard let method = ClientAuthMethod(rawValue: try row.decode(column: "auth_method", as: String.self)),
            let alg = SigningAlgorithm(rawValue: try row.decode(column: "id_token_alg", as: String.self))
        else { throw StoreError.corrupt("client \(id) has an unknown auth method or algorithm") }
        let grants = try JSONText.decode([String].self, try row.decode(column: "grant_types", as: String.self))
        return ClientRegistration(
            id: id, name: try row.decode(column: "name", as: String.self),
            redirectURIs: try JSONText.decode([String].self, try row.decode(column: "redirect_uris", as: String.self)),
            postLogoutRedirectURIs: try JSONText.decode([String].self, try row.decode(column: "post_logout_redirect_uris", as: String.self)),
            authMethod: method, jwksURI: try row.decode(column: "jwks_uri", as: String?.self),
            grantTypes: grants.compactMap(GrantType.init(rawValue:)),
            scopes: try JSONText.decode([String].self, try row.decode(column: "scopes", as: String.self)),
            firstParty: try row.decode(column: "first_party", as: Bool.self),
            requiresPKCE: try row.decode(column: "pkce_required", as: Bool.self),
            alwaysRefreshToken: try row.decode(column: "always_refresh_token", as: Bool.self),
            backchannelLogoutURI: try row.decode(column: "backchannel_logout_uri", as: String?.self),
            backchannelLogoutSessionRequired: try row.decode(column: "backchannel_logout_session_required", as: Bool.self),
            idTokenSignedResponseAlg: alg,
            secretDigest: try row.decode(column: "secret_digest", as: Data?.self).map(Array.init),
            createdAt: Timestamp.date(seconds: try row.decode(column: "created_at", as: Int64.self)))
    }
}
