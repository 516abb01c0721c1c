import Foundation
import PortvaktCore
import SQLKit

extension SQLStore: AuthorizationStore {
    // MARK: - Pending requests

    public func savePendingAuthorization(_ pending: PendingAuthorization) async throws {
        let request = try JSONText.encode(pending.request)
        try await backend.withSession { db in
            try await db.insert(into: "pending_authorizations")
                .columns("id", "request", "created_at", "expires_at", "browser_binding", "consent_sid")
                .values(
                    SQLBind(pending.id), SQLBind(request), SQLBind(Timestamp.seconds(pending.createdAt)),
                    SQLBind(Timestamp.seconds(pending.expiresAt)), SQLBind(Data(pending.browserBinding)), SQLBind(pending.consentSID))
                .run()
        }
    }

    public func pendingAuthorization(id: String, now: Date) async throws -> PendingAuthorization? {
        try await backend.withReader { db in
            guard let row = try await db.select().column("*").from("pending_authorizations").where("id", .equal, id)
                .where("expires_at", .greaterThan, Timestamp.seconds(now)).first()
            else { return nil }
            return PendingAuthorization(
                id: id, request: try JSONText.decode(AuthorizationRequest.self, try row.decode(column: "request", as: String.self)),
                createdAt: Timestamp.date(seconds: try row.decode(column: "created_at", as: Int64.self)),
                expiresAt: Timestamp.date(seconds: try row.decode(column: "expires_at", as: Int64.self)),
                browserBinding: Array(try row.decode(column: "browser_binding", as: Data.self)),
                consentSID: try row.decode(column: "consent_sid", as: String?.self))
        }
    }

    public func updatePendingRequest(id: String, request: AuthorizationRequest) async throws {
        let text = try JSONText.encode(request)
        try await backend.withSession { db in
            try await db.update("pending_authorizations").set("request", to: text).where("id", .equal, id).run()
        }
    }

    public func markConsentGiven(pendingID: String, sid: String) async throws {
        try await backend.withSession { db in
            try await db.update("pending_authorizations").set("consent_sid", to: sid).where("id", .equal, pendingID).run()
        }
    }

    @discardableResult
    public func claimPendingAuthorization(id: String) async throws -> Bool {
        try await backend.withSession { db in
            try await !db.delete(from: "pending_authorizations").where("id", .equal, id).returning("id").all().isEmpty
        }
    }

    // MARK: - Grants

    public func createGrant(_ grant: Grant) async throws {
        try await backend.withSession { db in
            try await Self.insertGrant(db, grant)
        }
    }

    /// Inserts `grant`; with `ignoringExisting`, a grant of the same id already stored is left as it is, and the
    /// result says whether this one was inserted.
    @discardableResult
    private static func insertGrant(_ db: any SQLDatabase, _ grant: Grant, ignoringExisting: Bool = false) async throws -> Bool {
        let insert = db.insert(into: "grants")
            .columns("id", "client_id", "account_id", "scopes", "userinfo_claims", "created_at", "revoked_at", "sid", "offline")
            .values(
                SQLBind(grant.id), SQLBind(grant.clientID), SQLBind(grant.accountID), SQLBind(try JSONText.encode(grant.scopes)),
                SQLBind(try JSONText.encode(grant.userinfoClaims)), SQLBind(Timestamp.seconds(grant.createdAt)),
                SQLBind(grant.revokedAt.map(Timestamp.seconds)), SQLBind(grant.sid), SQLBind(grant.isOffline))
        guard ignoringExisting else {
            try await insert.run()
            return true
        }
        return try await insert.ignoringConflicts(with: ["id"]).returning("id").first() != nil
    }

    public func grant(id: String) async throws -> Grant? {
        try await backend.withReader { db in
            try await db.select().column("*").from("grants").where("id", .equal, id).first().map { row in
                Grant(
                    id: id, clientID: try row.decode(column: "client_id", as: String.self),
                    accountID: try row.decode(column: "account_id", as: String?.self),
                    scopes: try JSONText.decode([String].self, try row.decode(column: "scopes", as: String.self)),
                    userinfoClaims: try JSONText.decode([String].self, try row.decode(column: "userinfo_claims", as: String.self)),
                    sid: try row.decode(column: "sid", as: String?.self),
                    createdAt: Timestamp.date(seconds: try row.decode(column: "created_at", as: Int64.self)),
                    revokedAt: try row.decode(column: "revoked_at", as: Int64?.self).map(Timestamp.date(seconds:)))
            }
        }
    }

    public func revokeGrant(id: String, at: Date) async throws {
        try await backend.withTransaction { db in try await Self.endGrant(db, id: id, at: at) }
    }

    /// Ends, in `db`, the grants `condition` selects and what is left of them, in the one order every ending keeps:
    /// first the unredeemed codes (see `spendCodes`), those `codes` selects by the codes' own columns and those stored
    /// beside the grants; then, for the grants `logouts` selects, the back-channel logouts; then the grants' refresh
    /// tokens; then the grants.
    private static func endGrants(
        _ db: any SQLDatabase, where condition: any SQLExpression, codes: (any SQLExpression)?, tellingClientsOf logouts: SQLQueryString? = nil,
        at: Date
    ) async throws {
        let seconds = Timestamp.seconds(at)
        let grants = db.select().column("id").from("grants").where(condition)
        // A node before version 20 of the schema stores the grant beside the code and leaves the code's own columns
        // empty: such codes are found through their grants.
        let beside = SQLBinaryExpression(SQLColumn("grant_id"), .in, SQLGroupExpression(grants.query))
        try await spendCodes(db, where: codes.map { SQLBinaryExpression(SQLGroupExpression($0), .or, beside) } ?? beside, at: at)
        if let logouts { try await queueLogouts(db, grants: logouts, at: at) }
        try await db.update("refresh_tokens").set("rotated_at", to: seconds)
            .where("grant_id", .in, SQLGroupExpression(grants.query)).where("rotated_at", .is, SQLLiteral.null).run()
        try await db.update("grants").set("revoked_at", to: seconds).where(condition).where("revoked_at", .is, SQLLiteral.null).run()
    }

    /// Ends, in `db`, one grant and what is left of it.
    private static func endGrant(_ db: any SQLDatabase, id: String, at: Date) async throws {
        try await endGrants(db, where: SQLBinaryExpression(SQLColumn("id"), .equal, SQLBind(id)), codes: nil, at: at)
    }

    public func revokeGrants(accountID: String, at: Date) async throws {
        try await backend.withTransaction { db in
            // The column has the same name in both tables.
            let account = SQLBinaryExpression(SQLColumn("account_id"), .equal, SQLBind(accountID))
            try await Self.endGrants(db, where: account, codes: account, at: at)
        }
    }

    /// Ends, in `db`, every grant made before `before` and not yet ended, offline ones too, with their unredeemed
    /// codes and refresh tokens: part of revoking a compromised signing key.
    static func endGrants(_ db: any SQLDatabase, createdBefore before: Date, at: Date) async throws {
        let made = SQLBinaryExpression(SQLColumn("created_at"), .lessThanOrEqual, SQLBind(Timestamp.seconds(before)))
        try await endGrants(
            db, where: SQLBinaryExpression(made, .and, SQLBinaryExpression(SQLColumn("revoked_at"), .is, SQLLiteral.null)), codes: made,
            at: at)
    }

    /// Ends, in `db`, the grants made under the sessions `sids` selects, except `offline_access` ones, with their
    /// unredeemed codes and refresh tokens: part of ending a session.
    /// Every client with a back-channel logout URI that got tokens in those sessions is told, offline grants'
    /// clients too (they decide what a session's end means to them).
    static func endSessionGrants(_ db: any SQLDatabase, sids: any SQLExpression, at: Date) async throws {
        // The columns have the same names in codes and grants.
        let online = SQLBinaryExpression(
            SQLBinaryExpression(SQLColumn("sid"), .in, sids), .and, SQLBinaryExpression(SQLColumn("offline"), .equal, SQLLiteral.boolean(false)))
        try await endGrants(db, where: online, codes: online, tellingClientsOf: "SELECT id FROM grants WHERE sid IN \(sids)", at: at)
    }

    /// Ends, in `db`, the account's grants that carry any of `scopes` (compared exactly), with their codes and refresh
    /// tokens; each client with a back-channel logout URI is told, by `sub` and the grant's `sid`, in the same
    /// transaction. Part of removing a member from a business. On PostgreSQL the grants are locked in id order
    /// first, so two removals of the same person from two businesses cannot deadlock on them.
    static func endGrants(_ db: any SQLDatabase, engine: SQLEngine, accountID: String, withAnyScope scopes: [String], at: Date) async throws {
        let lock: SQLQueryString = engine == .postgres ? " FOR UPDATE" : ""
        // The account's unredeemed codes that would make such a grant, first (see `spendCodes`), in digest order.
        let codes = try await db.raw(
            "SELECT digest, record FROM authorization_codes WHERE account_id = \(bind: accountID) AND consumed_at IS NULL ORDER BY digest\(lock)"
        ).all().map { row in
            (try row.decode(column: "digest", as: Data.self),
             try JSONText.decode(AuthorizationCodeRecord.self, try row.decode(column: "record", as: String.self)).context.scopes)
        }
        let spent = codes.filter { $0.1.contains(where: scopes.contains) }.map { SQLBind($0.0) }
        if !spent.isEmpty {
            try await spendCodes(db, where: SQLBinaryExpression(SQLColumn("digest"), .in, SQLGroupExpression(spent)), at: at)
        }
        let grants = try await db.raw(
            "SELECT id, scopes FROM grants WHERE account_id = \(bind: accountID) AND revoked_at IS NULL ORDER BY id\(lock)"
        ).all().map { row in
            (try row.decode(column: "id", as: String.self), try JSONText.decode([String].self, try row.decode(column: "scopes", as: String.self)))
        }
        let ending = grants.filter { $0.1.contains(where: scopes.contains) }.map(\.0)
        guard !ending.isEmpty else { return }
        let ids = SQLGroupExpression(ending.map { SQLBind($0) })
        try await endGrants(
            db, where: SQLBinaryExpression(SQLColumn("id"), .in, ids), codes: nil,
            tellingClientsOf: "SELECT id FROM grants WHERE id IN \(ids) AND revoked_at IS NULL", at: at)
    }

    // MARK: - Codes

    @discardableResult
    public func saveCode(digest: [UInt8], record: AuthorizationCodeRecord) async throws -> Bool {
        let text = try JSONText.encode(record)
        let context = record.context
        let values: SQLQueryString = """
            \(bind: Data(digest)), \(bind: context.grantID), \(bind: context.clientID), \(bind: text), \
            \(bind: Timestamp.seconds(record.expiresAt)), \(bind: context.subject), \(bind: context.sid), \
            \(bind: context.scopes.contains(RefreshTokenRule.offlineAccess)), \(bind: Timestamp.seconds(record.createdAt))
            """
        let columns = "digest, grant_id, client_id, record, expires_at, account_id, sid, offline, created_at"
        // A code is made in a login session; one that names none has none live.
        guard let sid = context.sid else { return false }
        // One statement: the code only while its session is live. On PostgreSQL the session's row is share-locked
        // until the code is in, so an ending that updates the session first waits, then finds the code to spend;
        // SQLite runs one write at a time.
        let lock: SQLQueryString = backend.engine == .postgres ? " FOR SHARE" : ""
        let now = Timestamp.seconds(record.createdAt)
        return try await backend.withSession { db in
            try await db.raw("""
                INSERT INTO authorization_codes (\(unsafeRaw: columns)) SELECT \(values) WHERE EXISTS (SELECT 1 FROM login_sessions \
                WHERE sid = \(bind: sid) AND ended_at IS NULL AND expires_at > \(bind: now)\(lock)) RETURNING digest
                """).first() != nil
        }
    }

    /// Spends, in `db`, the unredeemed codes `condition` selects: part of ending what they would have become.
    ///
    /// Every path that ends grants spends the codes first, then ends the grants: on PostgreSQL a redemption running
    /// at the same moment holds its code's row, so the spending waits for it; once it has committed, its code is
    /// spent and its new grant is seen by the statements that end grants, which come after. A redemption that
    /// starts after waits for this transaction and finds its code spent.
    static func spendCodes(_ db: any SQLDatabase, where condition: any SQLExpression, at: Date) async throws {
        try await db.update("authorization_codes").set("consumed_at", to: Timestamp.seconds(at))
            .where(condition).where("consumed_at", .is, SQLLiteral.null).run()
    }

    public func consumeCode(
        digest: [UInt8], clientID: String, now: Date, accept: @escaping @Sendable (AuthorizationCodeRecord) -> CodeAcceptance
    ) async throws -> CodeRedemption {
        let nowSeconds = Timestamp.seconds(now)
        let window = Int64(Self.codeReuseWindow)
        return try await backend.withTransaction { db in
            // The conditional update is the single-use guarantee: only one caller sees consumed_at still null.
            if let row = try await db.update("authorization_codes").set("consumed_at", to: nowSeconds)
                .where("digest", .equal, Data(digest)).where("client_id", .equal, clientID).where("consumed_at", .is, SQLLiteral.null)
                .where("expires_at", .greaterThan, nowSeconds)
                .returning("record").first()
            {
                let record = try JSONText.decode(AuthorizationCodeRecord.self, try row.decode(column: "record", as: String.self))
                guard case .accepted(let refreshToken) = accept(record) else { return .redeemed(record) }
                if let grant = record.grant(redeemedAt: now), try await !Self.insertGrant(db, grant, ignoringExisting: true) {
                    // Stored beside its code by a node before version 20 of the schema: it stands, unless it was
                    // revoked (that node's revocations spend codes through their grants; a later node's through
                    // the code's own columns, which such a code lacks).
                    let existing = try await db.select().column("revoked_at").from("grants").where("id", .equal, grant.id).first()
                    guard let existing, try existing.decode(column: "revoked_at", as: Int64?.self) == nil else { return .unknown }
                }
                if let issue = refreshToken {
                    try await Self.insertRefreshToken(db, digest: issue.digest, record: issue.record, text: try JSONText.encode(issue.record))
                }
                return .redeemed(record)
            }
            if let row = try await db.select().column("grant_id").from("authorization_codes")
                .where("digest", .equal, Data(digest)).where("client_id", .equal, clientID)
                .where("consumed_at", .isNot, SQLLiteral.null).where("expires_at", .greaterThan, nowSeconds - window).first()
            {
                return .reused(grantID: try row.decode(column: "grant_id", as: String.self))
            }
            return .unknown
        }
    }

    // MARK: - Refresh tokens

    public func saveRefreshToken(digest: [UInt8], record: RefreshTokenRecord) async throws {
        let text = try JSONText.encode(record)
        try await backend.withSession { db in
            try await Self.insertRefreshToken(db, digest: digest, record: record, text: text)
        }
    }

    public func rotateRefreshToken(
        digest: [UInt8], successorDigest: [UInt8], now: Date, accept: @escaping @Sendable (RefreshTokenRecord) throws -> Void
    ) async throws -> RefreshRotation {
        let nowSeconds = Timestamp.seconds(now)
        return try await backend.withTransaction { db in
            // The token with its grant's state, in one statement.
            guard let row = try await db.select()
                .column(SQLColumn("record", table: "refresh_tokens")).column(SQLColumn("grant_id", table: "refresh_tokens"))
                .column(SQLColumn("rotated_at", table: "refresh_tokens")).column(SQLColumn("expires_at", table: "refresh_tokens"))
                .column(SQLColumn("id", table: "grants")).column(SQLColumn("revoked_at", table: "grants"))
                .from("refresh_tokens")
                .join("grants", method: SQLJoinMethod.left, on: SQLColumn("id", table: "grants"), .equal, SQLColumn("grant_id", table: "refresh_tokens"))
                .where(SQLColumn("digest", table: "refresh_tokens"), .equal, SQLBind(Data(digest)))
                .first()
            else { return .unknown }
            var record = try JSONText.decode(RefreshTokenRecord.self, try row.decode(column: "record", as: String.self))
            try accept(record)
            let grantID = try row.decode(column: "grant_id", as: String.self)
            if try row.decode(column: "id", as: String?.self) == nil || row.decode(column: "revoked_at", as: Int64?.self) != nil {
                return .revoked(grantID: grantID)
            }
            if try row.decode(column: "rotated_at", as: Int64?.self) != nil { return .reused(grantID: grantID) }
            guard try row.decode(column: "expires_at", as: Int64.self) > nowSeconds else { return .expired }
            // The conditional update is the single-use guarantee: of concurrent rotations (PostgreSQL runs them
            // side by side), only one sees rotated_at still null.
            guard try await db.update("refresh_tokens").set("rotated_at", to: nowSeconds)
                .where("digest", .equal, Data(digest)).where("rotated_at", .is, SQLLiteral.null)
                .returning("digest").first() != nil
            else { return .reused(grantID: grantID) }
            record.createdAt = now
            try await Self.insertRefreshToken(db, digest: successorDigest, record: record, text: try JSONText.encode(record))
            return .rotated(record)
        }
    }

    public func refreshToken(digest: [UInt8]) async throws -> (record: RefreshTokenRecord, rotated: Bool)? {
        try await backend.withReader { db in
            guard let row = try await db.select().columns("record", "rotated_at").from("refresh_tokens")
                .where("digest", .equal, Data(digest)).first()
            else { return nil }
            let record = try JSONText.decode(RefreshTokenRecord.self, try row.decode(column: "record", as: String.self))
            return (record, try row.decode(column: "rotated_at", as: Int64?.self) != nil)
        }
    }

    private static func insertRefreshToken(_ db: any SQLDatabase, digest: [UInt8], record: RefreshTokenRecord, text: String) async throws {
        try await db.insert(into: "refresh_tokens")
            .columns("digest", "grant_id", "record", "expires_at")
            .values(SQLBind(Data(digest)), SQLBind(record.context.grantID), SQLBind(text), SQLBind(Timestamp.seconds(record.expiresAt)))
            .run()
    }

    // MARK: - Consents

    public func consentedScopes(accountID: String, clientID: String) async throws -> Set<String> {
        try await backend.withReader { db in
            guard let row = try await db.select().column("scopes").from("consents")
                .where("account_id", .equal, accountID).where("client_id", .equal, clientID).first()
            else { return [] }
            return Set(try JSONText.decode([String].self, try row.decode(column: "scopes", as: String.self)))
        }
    }

    public func authorizingSession(secretDigest: [UInt8], clientID: String, now: Date, idleTimeout: TimeInterval) async throws -> AuthorizingSession? {
        let nowSeconds = Timestamp.seconds(now)
        let idleSince = Timestamp.seconds(now.addingTimeInterval(-idleTimeout))
        let found = try await backend.withReader { db -> (LoginSession, Set<String>)? in
            guard let row = try await db.raw("""
                SELECT login_sessions.*, (SELECT consents.scopes FROM consents WHERE consents.account_id = login_sessions.account_id \
                AND consents.client_id = \(bind: clientID)) AS consented_scopes FROM login_sessions \
                WHERE login_sessions.secret_digest = \(bind: Data(secretDigest)) AND login_sessions.ended_at IS NULL \
                AND login_sessions.expires_at > \(bind: nowSeconds) AND login_sessions.last_seen_at >= \(bind: idleSince)
                """).first()
            else { return nil }
            let consented = try row.decode(column: "consented_scopes", as: String?.self).map { try JSONText.decode([String].self, $0) } ?? []
            return (try Self.decodeSession(row), Set(consented))
        }
        guard let (read, consented) = found else { return nil }
        var session = read
        if Timestamp.seconds(session.lastSeenAt) < nowSeconds {
            // Activity is kept to the second: within one, the first request's write stands for the rest. The
            // update re-checks the session, which may have ended since the read.
            guard try await backend.withSession({ db in
                try await db.update("login_sessions").set("last_seen_at", to: nowSeconds)
                    .where("secret_digest", .equal, Data(secretDigest)).where("ended_at", .is, SQLLiteral.null)
                    .where("expires_at", .greaterThan, nowSeconds).where("last_seen_at", .greaterThanOrEqual, idleSince)
                    .returning("sid").first() != nil
            }) else { return nil }
            session.lastSeenAt = Timestamp.date(seconds: nowSeconds)
        }
        return AuthorizingSession(session: session, consentedScopes: consented)
    }

    public func saveConsent(accountID: String, clientID: String, scopes: [String], at: Date) async throws {
        try await backend.withTransaction { db in
            var all = Set(scopes)
            if let row = try await db.select().column("scopes").from("consents")
                .where("account_id", .equal, accountID).where("client_id", .equal, clientID).first()
            {
                all.formUnion(try JSONText.decode([String].self, try row.decode(column: "scopes", as: String.self)))
            }
            // An upsert: two approvals at once both land instead of one failing on the key.
            try await db.insert(into: "consents").columns("account_id", "client_id", "scopes", "granted_at")
                .values(SQLBind(accountID), SQLBind(clientID), SQLBind(try JSONText.encode(all.sorted())), SQLBind(Timestamp.seconds(at)))
                .onConflict(with: ["account_id", "client_id"]) { $0.set(excludedValueOf: "scopes").set(excludedValueOf: "granted_at") }
                .run()
        }
    }

    public func consents(accountID: String) async throws -> [RememberedConsent] {
        try await backend.withSession { db in
            try await db.select().columns("client_id", "scopes", "granted_at").from("consents").where("account_id", .equal, accountID)
                .orderBy("granted_at").orderBy("client_id").all().map { row in
                    RememberedConsent(
                        clientID: try row.decode(column: "client_id", as: String.self),
                        scopes: try JSONText.decode([String].self, try row.decode(column: "scopes", as: String.self)),
                        grantedAt: Timestamp.date(seconds: try row.decode(column: "granted_at", as: Int64.self)))
                }
        }
    }

    public func revokeConsent(accountID: String, clientID: String, at: Date) async throws -> Bool {
        try await backend.withTransaction { db in
            let forgotten = try await !db.delete(from: "consents").where("account_id", .equal, accountID).where("client_id", .equal, clientID)
                .returning("client_id").all().isEmpty
            // The columns have the same names in codes and grants.
            let consented = SQLBinaryExpression(
                SQLBinaryExpression(SQLColumn("account_id"), .equal, SQLBind(accountID)), .and,
                SQLBinaryExpression(SQLColumn("client_id"), .equal, SQLBind(clientID)))
            try await Self.endGrants(db, where: consented, codes: consented, at: at)
            return forgotten
        }
    }

    // MARK: - Client assertions

    public func purgeExpired(now: Date) async throws {
        let seconds = Timestamp.seconds(now)
        let window = Int64(Self.codeReuseWindow)
        try await backend.withSession { db in
            try await db.delete(from: "pending_authorizations").where("expires_at", .lessThanOrEqual, seconds).run()
            try await db.delete(from: "authorization_codes").where("expires_at", .lessThanOrEqual, seconds - window).run()
            try await db.delete(from: "refresh_tokens").where("expires_at", .lessThanOrEqual, seconds).run()
            try await db.delete(from: "client_assertion_ids").where("expires_at", .lessThan, seconds).run()
            // Resend history matters for an hour; keep a day for the audit trail's sake. Rate-limit uses older than
            // the longest window in `Limits` decide nothing.
            try await db.delete(from: "code_sends").where("sent_at", .lessThan, seconds - 86_400).run()
            try await db.delete(from: "rate_limit_uses").where("used_at", .lessThan, seconds - Int64(Limits.longestWindow)).run()
            // Codes live ten minutes; a day later nothing can ask about them.
            try await db.delete(from: "one_time_codes").where("sent_at", .lessThan, seconds - 86_400).run()
            try await db.delete(from: "bankid_orders").where("expires_at", .lessThan, seconds).run()
        }
    }

    public func useClientAssertionID(clientID: String, jti: String, expiresAt: Date, now: Date) async throws -> Bool {
        let backend = self.backend
        do {
            try await backend.withSession { db in
                try await db.delete(from: "client_assertion_ids").where("expires_at", .lessThan, Timestamp.seconds(now)).run()
                try await db.insert(into: "client_assertion_ids").columns("client_id", "jti", "expires_at")
                    .values(SQLBind(clientID), SQLBind(jti), SQLBind(Timestamp.seconds(expiresAt))).run()
            }
            return true
        } catch let error where backend.isUniqueViolation(error) {
            return false
        }
    }
}
