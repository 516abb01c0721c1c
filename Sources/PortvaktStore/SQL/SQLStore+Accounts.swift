import Foundation
import PortvaktCore
import SQLKit

extension SQLStore: AccountStore {
    public func createAccount(_ account: Account) async throws {
        let backend = self.backend
        do {
            try await backend.withSession { db in
                try await db.insert(into: "accounts")
                    .columns(
                        "id", "email", "email_lower", "email_verified", "given_name", "family_name", "locale", "created_at",
                        "privacy_policy_version", "privacy_policy_accepted_at", "personal_number")
                    .values(
                        SQLBind(account.id), SQLBind(account.email), SQLBind(account.email?.lowercased()),
                        SQLBind(account.emailVerified), SQLBind(account.givenName), SQLBind(account.familyName),
                        SQLBind(account.locale), SQLBind(Timestamp.seconds(account.createdAt)), SQLBind(account.privacyPolicyVersion),
                        SQLBind(account.privacyPolicyAcceptedAt.map(Timestamp.seconds)), SQLBind(account.personalNumber))
                    .run()
            }
        } catch let error where backend.isUniqueViolation(error) {
            throw StoreError.conflict("an account with this id, e-mail address or personal number already exists")
        }
    }

    public func account(id: String) async throws -> Account? {
        try await backend.withReader { db in
            try await db.select().column("*").from("accounts").where("id", .equal, id).first().map(Self.decodeAccount)
        }
    }

    public func account(email: String) async throws -> Account? {
        try await backend.withSession { db in
            try await db.select().column("*").from("accounts").where("email_lower", .equal, email.lowercased()).first()
                .map(Self.decodeAccount)
        }
    }

    static func decodeAccount(_ row: any SQLRow) throws -> Account {
        Account(
            id: try row.decode(column: "id", as: String.self), email: try row.decode(column: "email", as: String?.self),
            emailVerified: try row.decode(column: "email_verified", as: Bool.self),
            givenName: try row.decode(column: "given_name", as: String?.self),
            familyName: try row.decode(column: "family_name", as: String?.self),
            locale: try row.decode(column: "locale", as: String?.self),
            createdAt: Timestamp.date(seconds: try row.decode(column: "created_at", as: Int64.self)),
            privacyPolicyVersion: try row.decode(column: "privacy_policy_version", as: String?.self),
            privacyPolicyAcceptedAt: try row.decode(column: "privacy_policy_accepted_at", as: Int64?.self).map(Timestamp.date(seconds:)),
            personalNumber: try row.decode(column: "personal_number", as: String?.self))
    }

    public func account(personalNumber: String) async throws -> Account? {
        try await backend.withSession { db in
            try await db.select().column("*").from("accounts").where("personal_number", .equal, personalNumber).first()
                .map(Self.decodeAccount)
        }
    }

    public func updateName(accountID: String, givenName: String, familyName: String) async throws {
        try await backend.withSession { db in
            try await db.update("accounts").set("given_name", to: givenName).set("family_name", to: familyName)
                .where("id", .equal, accountID).run()
        }
    }

    public func updateEmail(accountID: String, email: String) async throws {
        let backend = self.backend
        do {
            try await backend.withSession { db in
                try await db.update("accounts").set("email", to: email).set("email_lower", to: email.lowercased())
                    .set("email_verified", to: true).where("id", .equal, accountID).run()
            }
        } catch let error where backend.isUniqueViolation(error) {
            throw StoreError.conflict("another account has this e-mail address")
        }
    }
}

extension SQLStore: SessionStore {
    public func createSession(_ session: LoginSession, secretDigest: [UInt8]) async throws {
        let amr = try JSONText.encode(session.amr)
        try await backend.withSession { db in
            try await db.insert(into: "login_sessions")
                .columns(
                    "secret_digest", "sid", "account_id", "auth_time", "acr", "amr", "created_at", "last_seen_at", "expires_at", "user_agent",
                    "address")
                .values(
                    SQLBind(Data(secretDigest)), SQLBind(session.sid), SQLBind(session.accountID),
                    SQLBind(Timestamp.seconds(session.authTime)), SQLBind(session.acr), SQLBind(amr),
                    SQLBind(Timestamp.seconds(session.createdAt)), SQLBind(Timestamp.seconds(session.lastSeenAt)),
                    SQLBind(Timestamp.seconds(session.expiresAt)), SQLBind(session.userAgent), SQLBind(session.address))
                .run()
        }
    }

    public func activeSession(secretDigest: [UInt8], now: Date, idleTimeout: TimeInterval) async throws -> LoginSession? {
        let nowSeconds = Timestamp.seconds(now)
        let idleSince = Timestamp.seconds(now.addingTimeInterval(-idleTimeout))
        return try await backend.withSession { db in
            try await db.update("login_sessions")
                .set("last_seen_at", to: nowSeconds)
                .where("secret_digest", .equal, Data(secretDigest))
                .where("ended_at", .is, SQLLiteral.null)
                .where("expires_at", .greaterThan, nowSeconds)
                .where("last_seen_at", .greaterThanOrEqual, idleSince)
                .returning("*")
                .first()
                .map(Self.decodeSession)
        }
    }

    public func activeSessions(accountID: String, now: Date, idleTimeout: TimeInterval) async throws -> [LoginSession] {
        let nowSeconds = Timestamp.seconds(now)
        let idleSince = Timestamp.seconds(now.addingTimeInterval(-idleTimeout))
        return try await backend.withSession { db in
            try await db.select().column("*").from("login_sessions")
                .where("account_id", .equal, accountID)
                .where("ended_at", .is, SQLLiteral.null)
                .where("expires_at", .greaterThan, nowSeconds)
                .where("last_seen_at", .greaterThanOrEqual, idleSince)
                .orderBy("created_at", .descending)
                .all().map(Self.decodeSession)
        }
    }

    @discardableResult
    public func endSessions(accountID: String, except: String?, at: Date) async throws -> Int {
        try await backend.withTransaction { db in
            var update = db.update("login_sessions").set("ended_at", to: Timestamp.seconds(at))
                .where("account_id", .equal, accountID).where("ended_at", .is, SQLLiteral.null)
            if let except { update = update.where("sid", .notEqual, except) }
            let sids = try await update.returning("sid").all().map { try $0.decode(column: "sid", as: String.self) }
            if !sids.isEmpty { try await Self.endSessionGrants(db, sids: SQLGroupExpression(sids.map { SQLBind($0) }), at: at) }
            return sids.count
        }
    }

    static func decodeSession(_ row: any SQLRow) throws -> LoginSession {
        LoginSession(
            sid: try row.decode(column: "sid", as: String.self),
            accountID: try row.decode(column: "account_id", as: String.self),
            authTime: Timestamp.date(seconds: try row.decode(column: "auth_time", as: Int64.self)),
            acr: try row.decode(column: "acr", as: String?.self),
            amr: try JSONText.decode([String].self, try row.decode(column: "amr", as: String.self)),
            createdAt: Timestamp.date(seconds: try row.decode(column: "created_at", as: Int64.self)),
            lastSeenAt: Timestamp.date(seconds: try row.decode(column: "last_seen_at", as: Int64.self)),
            expiresAt: Timestamp.date(seconds: try row.decode(column: "expires_at", as: Int64.self)),
            userAgent: try row.decode(column: "user_agent", as: String?.self),
            address: try row.decode(column: "address", as: String?.self))
    }

    public func purgeSessions(now: Date, idleTimeout: TimeInterval) async throws {
        let seconds = Timestamp.seconds(now)
        try await backend.withTransaction { db in
            // A session idle past the timeout is refused at login already; here it ends as a logout does.
            let idle = try await db.update("login_sessions").set("ended_at", to: seconds)
                .where("last_seen_at", .lessThanOrEqual, seconds - Int64(idleTimeout)).where("ended_at", .is, SQLLiteral.null)
                .returning("sid").all().map { try $0.decode(column: "sid", as: String.self) }
            if !idle.isEmpty { try await Self.endSessionGrants(db, sids: SQLGroupExpression(idle.map { SQLBind($0) }), at: now) }
            // A session that timed out ends its grants as a logout does.
            let expired = db.select().column("sid").from("login_sessions").where("expires_at", .lessThanOrEqual, seconds)
                .where("ended_at", .is, SQLLiteral.null)
            try await Self.endSessionGrants(db, sids: SQLGroupExpression(expired.query), at: now)
            try await db.delete(from: "login_sessions").where("expires_at", .lessThanOrEqual, seconds).run()
            // A staff session's desk activity outlives no staff session (12 hours at most).
            try await db.delete(from: "staff_sessions").where("last_seen_at", .lessThan, seconds - Int64(StaffAccess.maximumSessionAge)).run()
            try await db.delete(from: "login_sessions").where("ended_at", .lessThan, seconds - 86_400).run()
        }
    }

    @discardableResult
    public func endSession(sid: String, at: Date) async throws -> Bool {
        try await backend.withTransaction { db in
            let ended = try await !db.update("login_sessions").set("ended_at", to: Timestamp.seconds(at))
                .where("sid", .equal, sid).where("ended_at", .is, SQLLiteral.null)
                .returning("sid").all().isEmpty
            if ended { try await Self.endSessionGrants(db, sids: SQLGroupExpression([SQLBind(sid)]), at: at) }
            return ended
        }
    }
}
