import SQLKit

/// One versioned step of the schema. Versions only grow; a released migration is never edited.
struct Migration: Sendable {
    let version: Int
    let name: String
    let apply: @Sendable (any SQLDatabase) async throws -> Void
}

/// The schema, in order. Later features (clients, accounts, sessions, codes, tokens, businesses) append here.
/// Times are whole seconds since 1970 in BIGINT columns, the same on both engines.
enum Migrations {
    static let all: [Migration] = [
        Migration(version: 1, name: "signing keys", apply: createSigningKeys),
        Migration(version: 2, name: "audit events", apply: createAuditEvents),
        Migration(version: 3, name: "clients", apply: createClients),
    ]

    private static func createSigningKeys(_ db: any SQLDatabase) async throws {
        try await db.create(table: "signing_keys")
            .column("kid", type: .text, .primaryKey(autoIncrement: false))
            .column("alg", type: .text, .notNull)
            .column("state", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("activates_at", type: .bigint, .notNull)
            .column("activated_at", type: .bigint)
            .column("retired_at", type: .bigint)
            .column("removable_at", type: .bigint)
            .column("removed_at", type: .bigint)
            .column("public_jwk", type: .text, .notNull)
            .column("sealed_private_key", type: .blob)
            .check(SQLRaw("state IN ('next', 'active', 'retired', 'removed')"), named: "signing_keys_state")
            .run()
        // The rule "exactly one active key per algorithm" is the database's to keep, across nodes.
        try await db.raw("CREATE UNIQUE INDEX signing_keys_one_active_per_alg ON signing_keys (alg) WHERE state = 'active'").run()
    }

    private static func createAuditEvents(_ db: any SQLDatabase) async throws {
        try await db.create(table: "audit_events")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("at", type: .bigint, .notNull)
            .column("actor", type: .text, .notNull)
            .column("action", type: .text, .notNull)
            .column("target", type: .text)
            .column("source", type: .text)
            .column("details", type: .text, .notNull)
            .run()
        try await db.create(index: "audit_events_at").on("audit_events").column("at").run()
        try await db.create(index: "audit_events_target").on("audit_events").column("target").run()
    }

    private static func createClients(_ db: any SQLDatabase) async throws {
        try await db.create(table: "clients")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("name", type: .text, .notNull)
            .column("redirect_uris", type: .text, .notNull)
            .column("post_logout_redirect_uris", type: .text, .notNull)
            .column("auth_method", type: .text, .notNull)
            .column("jwks_uri", type: .text)
            .column("grant_types", type: .text, .notNull)
            .column("scopes", type: .text, .notNull)
            .column("first_party", type: .custom(SQLRaw("BOOLEAN")), .notNull)
            .column("id_token_alg", type: .text, .notNull)
            .column("secret_digest", type: .blob)
            .column("created_at", type: .bigint, .notNull)
            .run()
    }
}
