import SQLKit

/// The schema, in order. Later features (clients, accounts, sessions, codes, tokens, businesses) append here.
/// Times are whole seconds since 1970 in BIGINT columns, the same on both engines.
enum Migrations {
    static let all: [Migration] = [
        Migration(version: 1, name: "signing keys", apply: createSigningKeys),
        Migration(version: 2, name: "audit events", apply: createAuditEvents),
        Migration(version: 3, name: "clients", apply: createClients),
        Migration(version: 4, name: "accounts and sessions", apply: createAccountsAndSessions),
        Migration(version: 5, name: "authorization flows", apply: createAuthorizationFlows),
        Migration(version: 6, name: "mail outbox", apply: createMailOutbox),
        Migration(version: 7, name: "passwords, one-time codes and login failures", apply: createCredentials),
        Migration(version: 8, name: "privacy policy acceptance", apply: addPrivacyAcceptance),
        Migration(version: 9, name: "BankID identities and orders", apply: createBankID),
        Migration(version: 10, name: "businesses, memberships, link tokens and invitations", apply: createBusinesses),
        Migration(version: 11, name: "login failures become rate-limit uses", apply: renameLoginFailures),
        Migration(version: 12, name: "PKCE for every client unless registered without", apply: addClientPKCERequired),
        Migration(version: 13, name: "grants bound to their login session", apply: addGrantSessions),
        Migration(version: 14, name: "first-party clients that always get a refresh token", apply: addClientAlwaysRefreshToken),
        Migration(version: 15, name: "the clients' version counter and the denylist of grantless access tokens", apply: addClientsVersionAndDenylist),
        Migration(version: 16, name: "the browser and address of each login session", apply: addSessionDevice),
        Migration(version: 19, name: "back-channel logout", apply: createBackchannelLogout),
        Migration(version: 20, name: "codes that carry their grant until redeemed", apply: addCodeGrantColumns),
        Migration(version: 21, name: "applications from new customers, the staff desk, and the register's organisation numbers", apply: createApplications),
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
        // ...and at most one waiting to take over, so two rotations at once cannot queue two successors.
        try await db.raw("CREATE UNIQUE INDEX signing_keys_one_next_per_alg ON signing_keys (alg) WHERE state = 'next'").run()
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

    private static func createAccountsAndSessions(_ db: any SQLDatabase) async throws {
        try await db.create(table: "accounts")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("email", type: .text)
            .column("email_lower", type: .text, .unique)
            .column("email_verified", type: .custom(SQLRaw("BOOLEAN")), .notNull)
            .column("given_name", type: .text)
            .column("family_name", type: .text)
            .column("locale", type: .text)
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await db.create(table: "login_sessions")
            .column("secret_digest", type: .blob, .primaryKey(autoIncrement: false))
            .column("sid", type: .text, .notNull, .unique)
            .column("account_id", type: .text, .notNull, .references("accounts", "id", onDelete: .cascade))
            .column("auth_time", type: .bigint, .notNull)
            .column("acr", type: .text)
            .column("amr", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("last_seen_at", type: .bigint, .notNull)
            .column("expires_at", type: .bigint, .notNull)
            .column("ended_at", type: .bigint)
            .run()
        try await db.create(index: "login_sessions_account").on("login_sessions").column("account_id").run()
    }

    private static func createAuthorizationFlows(_ db: any SQLDatabase) async throws {
        try await db.create(table: "pending_authorizations")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("request", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("expires_at", type: .bigint, .notNull)
            .column("browser_binding", type: .blob, .notNull)
            .column("consent_sid", type: .text)
            .run()
        try await db.create(table: "grants")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("client_id", type: .text, .notNull)
            .column("account_id", type: .text)
            .column("scopes", type: .text, .notNull)
            .column("userinfo_claims", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("revoked_at", type: .bigint)
            .run()
        try await db.create(index: "grants_account").on("grants").column("account_id").run()
        try await db.create(table: "authorization_codes")
            .column("digest", type: .blob, .primaryKey(autoIncrement: false))
            .column("grant_id", type: .text, .notNull)
            .column("client_id", type: .text, .notNull)
            .column("record", type: .text, .notNull)
            .column("expires_at", type: .bigint, .notNull)
            .column("consumed_at", type: .bigint)
            .run()
        try await db.create(table: "refresh_tokens")
            .column("digest", type: .blob, .primaryKey(autoIncrement: false))
            .column("grant_id", type: .text, .notNull)
            .column("record", type: .text, .notNull)
            .column("expires_at", type: .bigint, .notNull)
            .column("rotated_at", type: .bigint)
            .run()
        try await db.create(index: "refresh_tokens_grant").on("refresh_tokens").column("grant_id").run()
        try await db.create(table: "consents")
            .column("account_id", type: .text, .notNull)
            .column("client_id", type: .text, .notNull)
            .column("scopes", type: .text, .notNull)
            .column("granted_at", type: .bigint, .notNull)
            .primaryKey("account_id", "client_id")
            .run()
        try await db.create(table: "client_assertion_ids")
            .column("client_id", type: .text, .notNull)
            .column("jti", type: .text, .notNull)
            .column("expires_at", type: .bigint, .notNull)
            .primaryKey("client_id", "jti")
            .run()
    }

    private static func createMailOutbox(_ db: any SQLDatabase) async throws {
        try await db.create(table: "mail_outbox")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("message", type: .text, .notNull)
            .column("recipient", type: .text, .notNull)
            .column("attempts", type: .int, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("next_attempt_at", type: .bigint, .notNull)
            .column("sent_at", type: .bigint)
            .column("last_error", type: .text)
            .run()
        try await db.create(index: "mail_outbox_due").on("mail_outbox").column("sent_at").column("next_attempt_at").run()
    }

    private static func createCredentials(_ db: any SQLDatabase) async throws {
        try await db.create(table: "passwords")
            .column("account_id", type: .text, .primaryKey(autoIncrement: false), .references("accounts", "id", onDelete: .cascade))
            .column("hash", type: .text, .notNull)
            .column("changed_at", type: .bigint, .notNull)
            .run()
        try await db.create(table: "one_time_codes")
            .column("purpose", type: .text, .notNull)
            .column("subject", type: .text, .notNull)
            .column("record", type: .text, .notNull)
            .column("sent_at", type: .bigint, .notNull)
            .primaryKey("purpose", "subject")
            .run()
        try await db.create(table: "code_sends")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("purpose", type: .text, .notNull)
            .column("subject", type: .text, .notNull)
            .column("sent_at", type: .bigint, .notNull)
            .run()
        try await db.create(index: "code_sends_subject").on("code_sends").column("subject").column("sent_at").run()
        try await db.create(table: "login_failures")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("throttle_key", type: .text, .notNull)
            .column("failed_at", type: .bigint, .notNull)
            .run()
        try await db.create(index: "login_failures_key").on("login_failures").column("throttle_key").column("failed_at").run()
    }

    private static func addPrivacyAcceptance(_ db: any SQLDatabase) async throws {
        try await db.alter(table: "accounts").column("privacy_policy_version", type: .text).run()
        try await db.alter(table: "accounts").column("privacy_policy_accepted_at", type: .bigint).run()
    }

    private static func createBankID(_ db: any SQLDatabase) async throws {
        try await db.alter(table: "accounts").column("personal_number", type: .text).run()
        try await db.create(index: "accounts_personal_number").unique().on("accounts").column("personal_number").run()
        try await db.create(table: "bankid_orders")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("order_ref", type: .text, .notNull, .unique)
            .column("auto_start_token", type: .text, .notNull)
            .column("qr_start_token", type: .text, .notNull)
            .column("qr_start_secret", type: .text, .notNull)
            .column("start", type: .text, .notNull)
            .column("required_personal_number", type: .text)
            .column("end_user_ip", type: .text, .notNull)
            .column("pending_id", type: .text)
            .column("browser_binding", type: .blob, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("status", type: .text, .notNull)
            .column("hint_code", type: .text)
            .column("completion", type: .text)
            .column("error_code", type: .text)
            .column("next_collect_at", type: .bigint, .notNull)
            .column("last_seen_at", type: .bigint, .notNull)
            .column("expires_at", type: .bigint, .notNull)
            .run()
        try await db.create(index: "bankid_orders_status").on("bankid_orders").column("status").column("last_seen_at").run()
    }

    private static func createBusinesses(_ db: any SQLDatabase) async throws {
        try await db.create(table: "businesses")
            .column("customer_number", type: .text, .primaryKey(autoIncrement: false))
            .column("name", type: .text, .notNull)
            .column("kind", type: .text, .notNull)
            .column("registered_email", type: .text, .notNull)
            .column("pin_hash", type: .text)
            // The first administrator, set once by compare-and-set: the race's single winner.
            .column("first_administrator", type: .text)
            .column("activated_at", type: .bigint)
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await db.create(table: "memberships")
            .column("customer_number", type: .text, .notNull, .references("businesses", "customer_number", onDelete: .cascade))
            .column("account_id", type: .text, .notNull, .references("accounts", "id", onDelete: .cascade))
            .column("role", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .primaryKey("customer_number", "account_id")
            .run()
        try await db.create(index: "memberships_account").on("memberships").column("account_id").run()
        try await db.create(table: "business_link_tokens")
            .column("digest", type: .blob, .primaryKey(autoIncrement: false))
            .column("customer_number", type: .text, .notNull)
            .column("account_id", type: .text, .notNull)
            .column("expires_at", type: .bigint, .notNull)
            .column("used_at", type: .bigint)
            .run()
        try await db.create(table: "invitations")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("token_digest", type: .blob, .notNull, .unique)
            .column("customer_number", type: .text, .notNull, .references("businesses", "customer_number", onDelete: .cascade))
            .column("email", type: .text, .notNull)
            .column("role", type: .text, .notNull)
            .column("invited_by", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("expires_at", type: .bigint, .notNull)
            .column("accepted_at", type: .bigint)
            .column("accepted_by", type: .text)
            .column("revoked_at", type: .bigint)
            .run()
        try await db.create(index: "invitations_business").on("invitations").column("customer_number").run()
    }

    /// One table for every limit in `Limits`, renamed in place so no row is lost. Keys written before this version
    /// no longer match any limit and age out with the daily purge.
    private static func renameLoginFailures(_ db: any SQLDatabase) async throws {
        try await db.drop(index: "login_failures_key").run()
        try await db.raw("ALTER TABLE login_failures RENAME TO rate_limit_uses").run()
        try await db.raw("ALTER TABLE rate_limit_uses RENAME COLUMN throttle_key TO limit_key").run()
        try await db.raw("ALTER TABLE rate_limit_uses RENAME COLUMN failed_at TO used_at").run()
        try await db.create(index: "rate_limit_uses_key").on("rate_limit_uses").column("limit_key").column("used_at").run()
    }

    /// Every client registered before requires PKCE from now on (RFC 9700 §2.1.1).
    private static func addClientPKCERequired(_ db: any SQLDatabase) async throws {
        try await db.raw("ALTER TABLE clients ADD COLUMN pkce_required BOOLEAN NOT NULL DEFAULT TRUE").run()
    }

    /// Grants made before keep no session (nil) and so are not ended with one; `offline` marks those that
    /// outlive their session.
    private static func addGrantSessions(_ db: any SQLDatabase) async throws {
        try await db.alter(table: "grants").column("sid", type: .text).run()
        try await db.raw("ALTER TABLE grants ADD COLUMN offline BOOLEAN NOT NULL DEFAULT FALSE").run()
        try await db.create(index: "grants_sid").on("grants").column("sid").run()
    }

    /// No client registered before gets refresh tokens without `offline_access`.
    private static func addClientAlwaysRefreshToken(_ db: any SQLDatabase) async throws {
        try await db.raw("ALTER TABLE clients ADD COLUMN always_refresh_token BOOLEAN NOT NULL DEFAULT FALSE").run()
    }

    /// The `User-Agent` and client address a session logged in with, for the account page. Sessions from before
    /// have neither.
    private static func addSessionDevice(_ db: any SQLDatabase) async throws {
        try await db.alter(table: "login_sessions").column("user_agent", type: .text).run()
        try await db.alter(table: "login_sessions").column("address", type: .text).run()
    }

    /// `clients_version`: one row, whose counter every change to `clients` increases in its transaction, so nodes
    /// caching the clients see a change with one small read. `denied_tokens`: the revoked `client_credentials`
    /// access tokens (which have no grant), by `jti`, until they expire.
    private static func addClientsVersionAndDenylist(_ db: any SQLDatabase) async throws {
        try await db.create(table: "clients_version")
            .column("id", type: .bigint, .primaryKey(autoIncrement: false))
            .column("version", type: .bigint, .notNull)
            .check(SQLRaw("id = 1"), named: "clients_version_one_row")
            .run()
        try await db.insert(into: "clients_version").columns("id", "version").values(SQLBind(1), SQLBind(Int64(1))).run()
        try await db.create(table: "denied_tokens")
            .column("jti", type: .text, .primaryKey(autoIncrement: false))
            .column("expires_at", type: .bigint, .notNull)
            .run()
        try await db.create(index: "denied_tokens_expires_at").on("denied_tokens").column("expires_at").run()
    }

    /// Clients' back-channel logout URIs, and the logouts waiting to be delivered (one per client and session).
    private static func createBackchannelLogout(_ db: any SQLDatabase) async throws {
        try await db.alter(table: "clients").column("backchannel_logout_uri", type: .text).run()
        try await db.raw("ALTER TABLE clients ADD COLUMN backchannel_logout_session_required BOOLEAN NOT NULL DEFAULT FALSE").run()
        try await db.create(table: "backchannel_logouts")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("client_id", type: .text, .notNull)
            .column("account_id", type: .text, .notNull)
            .column("sid", type: .text)
            .column("created_at", type: .bigint, .notNull)
            .column("attempts", type: .int, .notNull)
            .column("next_attempt_at", type: .bigint, .notNull)
            .column("finished_at", type: .bigint)
            .column("delivered", type: .custom(SQLRaw("BOOLEAN")), .notNull, .default(false))
            .column("last_error", type: .text)
            .run()
        try await db.create(index: "backchannel_logouts_due").on("backchannel_logouts").column("finished_at").column("next_attempt_at").run()
    }

    /// A code carries the grant it makes until it is redeemed (the grant is written then): what ending a session,
    /// an account's grants, a consent or grants made before a key's compromise must find among unredeemed codes.
    /// Codes stored before were stored with their grants, whose columns are copied.
    private static func addCodeGrantColumns(_ db: any SQLDatabase) async throws {
        try await db.alter(table: "authorization_codes").column("account_id", type: .text).run()
        try await db.alter(table: "authorization_codes").column("sid", type: .text).run()
        try await db.raw("ALTER TABLE authorization_codes ADD COLUMN offline BOOLEAN NOT NULL DEFAULT FALSE").run()
        try await db.raw("ALTER TABLE authorization_codes ADD COLUMN created_at BIGINT NOT NULL DEFAULT 0").run()
        try await db.raw("""
            UPDATE authorization_codes SET \
            account_id = (SELECT grants.account_id FROM grants WHERE grants.id = authorization_codes.grant_id), \
            sid = (SELECT grants.sid FROM grants WHERE grants.id = authorization_codes.grant_id), \
            offline = COALESCE((SELECT grants.offline FROM grants WHERE grants.id = authorization_codes.grant_id), FALSE), \
            created_at = COALESCE((SELECT grants.created_at FROM grants WHERE grants.id = authorization_codes.grant_id), 0)
            """).run()
        try await db.create(index: "authorization_codes_account_id").on("authorization_codes").column("account_id").run()
        try await db.create(index: "authorization_codes_sid").on("authorization_codes").column("sid").run()
    }

    /// The register's organisation numbers (known for imported rows that give one, and for approved applications);
    /// applications from new customers, at most one open per organisation number; the counter that customer numbers
    /// for approvals come from (it only grows, so no number is given twice); staff roles; and each staff session's
    /// last request to the desk.
    private static func createApplications(_ db: any SQLDatabase) async throws {
        try await db.alter(table: "businesses").column("org_number", type: .text).run()
        try await db.create(index: "businesses_org_number").on("businesses").column("org_number").run()
        try await db.create(table: "applications")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("org_number", type: .text, .notNull)
            .column("name", type: .text, .notNull)
            .column("kind", type: .text, .notNull)
            .column("street_address", type: .text, .notNull)
            .column("postal_code", type: .text, .notNull)
            .column("city", type: .text, .notNull)
            .column("invoice_email", type: .text, .notNull)
            .column("phone", type: .text, .notNull)
            .column("account_id", type: .text, .notNull)
            .column("applicant_name", type: .text, .notNull)
            .column("applicant_email", type: .text, .notNull)
            .column("applicant_personal_number", type: .text)
            .column("language", type: .text, .notNull)
            .column("status", type: .text, .notNull)
            .column("question", type: .text)
            .column("answer", type: .text)
            .column("rejection_reason", type: .text)
            .column("customer_number", type: .text)
            .column("created_at", type: .bigint, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .column("decided_at", type: .bigint)
            .column("version", type: .bigint, .notNull)
            .check(SQLRaw("status IN ('submitted', 'info_requested', 'approved', 'rejected', 'withdrawn')"), named: "applications_status")
            .run()
        // "At most one open application per organisation number" is the database's to keep, across nodes.
        try await db.raw("CREATE UNIQUE INDEX applications_one_open ON applications (org_number) WHERE status IN ('submitted', 'info_requested')").run()
        try await db.create(index: "applications_status_created").on("applications").column("status").column("created_at").run()
        try await db.create(index: "applications_account_id").on("applications").column("account_id").run()
        try await db.create(table: "customer_number_counter")
            .column("id", type: .bigint, .primaryKey(autoIncrement: false))
            .column("last_value", type: .bigint, .notNull)
            .check(SQLRaw("id = 1"), named: "customer_number_counter_one_row")
            .run()
        try await db.insert(into: "customer_number_counter").columns("id", "last_value").values(SQLBind(1), SQLBind(Int64(0))).run()
        try await db.create(table: "staff_roles")
            .column("account_id", type: .text, .notNull)
            .column("role", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .primaryKey("account_id", "role")
            .run()
        try await db.create(table: "staff_sessions")
            .column("sid", type: .text, .primaryKey(autoIncrement: false))
            .column("last_seen_at", type: .bigint, .notNull)
            .run()
    }
}
