import Foundation
import SQLKit
import PortvaktCore
import Testing

@testable import PortvaktStore

/// Conformance of the operations that keep the code flow and refresh to one store call each, on every backend.
@Suite struct AuthorizationRoundTripConformanceTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func context(grant: String = "g1", scopes: [String] = ["openid", "offline_access"]) -> GrantContext {
        GrantContext(grantID: grant, clientID: "portal", subject: "acc-1", scopes: scopes, authTime: t0, sid: "sid-1")
    }

    func prepareAccount(_ store: SQLStore) async throws {
        try await store.createAccount(Account(id: "acc-1", email: "anna@example.se", emailVerified: true, givenName: nil, familyName: nil, locale: nil, createdAt: t0))
    }

    func session(sid: String = "sid-1", lastSeen: Date? = nil, expires: TimeInterval = 1000) -> LoginSession {
        LoginSession(sid: sid, accountID: "acc-1", authTime: t0, acr: "pwd", amr: ["pwd"], createdAt: t0,
                     lastSeenAt: lastSeen ?? t0, expiresAt: t0.addingTimeInterval(expires))
    }

    @Test(arguments: TestBackend.all)
    func theAuthorizingSessionComesWithTheConsentToThatClientOnly(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                try await prepareAccount(store)
                try await store.createSession(session(), secretDigest: [1])
                try await store.saveConsent(accountID: "acc-1", clientID: "partner", scopes: ["openid", "email"], at: t0)
                let found = try await store.authorizingSession(secretDigest: [1], clientID: "partner", now: t0, idleTimeout: 100)
                #expect(found?.session == session())
                #expect(found?.consentedScopes == ["openid", "email"])
                #expect(try await store.authorizingSession(secretDigest: [1], clientID: "other", now: t0, idleTimeout: 100)?.consentedScopes == [])
                #expect(try await store.authorizingSession(secretDigest: [2], clientID: "partner", now: t0, idleTimeout: 100) == nil)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func theAuthorizingSessionKeepsTheIdleAndAbsoluteEndsAndALogout(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                try await prepareAccount(store)
                try await store.createSession(session(), secretDigest: [1])
                let seen = try await store.authorizingSession(secretDigest: [1], clientID: "c", now: t0.addingTimeInterval(90), idleTimeout: 100)
                #expect(seen?.session.lastSeenAt == t0.addingTimeInterval(90))
                // The activity it recorded moved the idle deadline, for the ordinary session read too.
                #expect(try await store.activeSession(secretDigest: [1], now: t0.addingTimeInterval(180), idleTimeout: 100) != nil)
                #expect(try await store.authorizingSession(secretDigest: [1], clientID: "c", now: t0.addingTimeInterval(281), idleTimeout: 100) == nil)
                try await store.createSession(session(sid: "sid-2", expires: 50), secretDigest: [2])
                #expect(try await store.authorizingSession(secretDigest: [2], clientID: "c", now: t0.addingTimeInterval(50), idleTimeout: 100) == nil)
                try await store.createSession(session(sid: "sid-3"), secretDigest: [3])
                #expect(try await store.endSession(sid: "sid-3", at: t0))
                #expect(try await store.authorizingSession(secretDigest: [3], clientID: "c", now: t0, idleTimeout: 100) == nil)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func aCodesGrantIsWrittenWhenTheCodeIsRedeemed(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                let record = AuthorizationCodeRecord(
                    context: context(scopes: ["openid"]), redirectURI: "https://p/cb", codeChallenge: "ch", userinfoClaims: ["email"],
                    createdAt: t0, expiresAt: t0.addingTimeInterval(60))
                try await store.saveCodeInSession(digest: [7], record: record)
                #expect(try await store.grant(id: "g1") == nil)
                #expect(try await store.consumeCode(digest: [8], clientID: "portal", now: t0) == .unknown)
                #expect(try await store.grant(id: "g1") == nil, "an unknown code makes no grant")
                #expect(try await store.consumeCode(digest: [7], clientID: "other", now: t0) == .unknown)
                #expect(try await store.consumeCode(digest: [7], clientID: "portal", now: t0.addingTimeInterval(5)) == .redeemed(record))
                #expect(try await store.grant(id: "g1") == Grant(
                    id: "g1", clientID: "portal", accountID: "acc-1", scopes: ["openid"], userinfoClaims: ["email"], sid: "sid-1",
                    createdAt: t0.addingTimeInterval(5)))
                // Used again: reused, and the grant it made is the one to revoke.
                #expect(try await store.consumeCode(digest: [7], clientID: "portal", now: t0.addingTimeInterval(6)) == .reused(grantID: "g1"))
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func aCodeStoredWithItsGrantBeforeTheUpgradeRedeemsOnce(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                // As version 19 of the schema stored it: the grant beside the code.
                let grant = Grant(id: "g1", clientID: "portal", accountID: "acc-1", scopes: ["openid"], sid: "sid-1", createdAt: t0)
                try await store.createGrant(grant)
                let record = AuthorizationCodeRecord(context: context(scopes: ["openid"]), redirectURI: "https://p/cb", codeChallenge: nil,
                                                     createdAt: t0, expiresAt: t0.addingTimeInterval(60))
                try await store.saveCodeInSession(digest: [7], record: record)
                #expect(try await store.consumeCode(digest: [7], clientID: "portal", now: t0.addingTimeInterval(5)) == .redeemed(record))
                #expect(try await store.grant(id: "g1") == grant, "the grant stored with it stands")
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func aCodeIsStoredOnlyWhileItsSessionIsLive(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                try await prepareAccount(store)
                try await store.createSession(session(), secretDigest: [1])
                let record = AuthorizationCodeRecord(context: context(), redirectURI: "https://p/cb", codeChallenge: nil, createdAt: t0,
                                                     expiresAt: t0.addingTimeInterval(60))
                // The session was read as live, then ended (a logout in another tab) before the code was written.
                #expect(try await store.endSession(sid: "sid-1", at: t0))
                #expect(try await !store.saveCode(digest: [7], record: record))
                #expect(try await store.consumeCode(digest: [7], clientID: "portal", now: t0) == .unknown, "nothing was stored")
                // Past its absolute end, or never there: the same.
                try await store.createSession(session(sid: "sid-2", expires: 10), secretDigest: [2])
                var late = record
                late.context.sid = "sid-2"
                late.createdAt = t0.addingTimeInterval(10)
                #expect(try await !store.saveCode(digest: [8], record: late))
                late.context.sid = "sid-none"
                #expect(try await !store.saveCode(digest: [9], record: late))
                late.context.sid = nil
                #expect(try await !store.saveCode(digest: [10], record: late))
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func aRefusedRedemptionSpendsTheCodeAndMakesNoGrant(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                let record = AuthorizationCodeRecord(context: context(), redirectURI: "https://p/cb", codeChallenge: "ch", createdAt: t0,
                                                     expiresAt: t0.addingTimeInterval(60))
                try await store.saveCodeInSession(digest: [7], record: record)
                // A wrong verifier, say: the token endpoint refuses inside the transaction.
                #expect(try await store.consumeCode(digest: [7], clientID: "portal", now: t0, accept: { _ in .refused }) == .redeemed(record))
                #expect(try await store.grant(id: "g1") == nil, "a refused code makes no grant")
                #expect(try await store.consumeCode(digest: [7], clientID: "portal", now: t0) == .reused(grantID: "g1"))
                #expect(try await store.grant(id: "g1") == nil)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func aCodeStoredBesideItsGrantByAnOlderNodeDiesWithTheGrant(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                try await prepareAccount(store)
                try await store.createSession(session(), secretDigest: [1])
                // As a node before version 20 stores it: the grant beside the code, the code's own columns empty.
                func legacyCode(_ digest: UInt8, grant: String) async throws {
                    try await store.createGrant(Grant(id: grant, clientID: "portal", accountID: "acc-1", scopes: ["openid"], sid: "sid-1", createdAt: t0))
                    let record = AuthorizationCodeRecord(
                        context: GrantContext(grantID: grant, clientID: "portal", subject: "acc-1", scopes: ["openid"], authTime: t0, sid: "sid-1"),
                        redirectURI: "https://p/cb", codeChallenge: nil, createdAt: t0, expiresAt: t0.addingTimeInterval(600))
                    let text = try JSONText.encode(record)
                    try await store.backend.withSession { db in
                        try await db.insert(into: "authorization_codes").columns("digest", "grant_id", "client_id", "record", "expires_at")
                            .values(SQLBind(Data([digest])), SQLBind(grant), SQLBind("portal"), SQLBind(text), SQLBind(Timestamp.seconds(record.expiresAt)))
                            .run()
                    }
                }
                // Revoked by this node: the code is spent through its grant.
                try await legacyCode(1, grant: "g1")
                try await store.revokeGrants(accountID: "acc-1", at: t0.addingTimeInterval(1))
                #expect(try await store.consumeCode(digest: [1], clientID: "portal", now: t0.addingTimeInterval(2)) == .reused(grantID: "g1"))
                // Revoked without its code being spent (by a path that missed it): the redemption still fails.
                try await legacyCode(2, grant: "g2")
                try await store.revokeGrant(id: "g2", at: t0.addingTimeInterval(3))
                try await store.backend.withSession { db in
                    try await db.update("authorization_codes").set("consumed_at", to: SQLLiteral.null).where("digest", .equal, Data([2])).run()
                }
                #expect(try await store.consumeCode(digest: [2], clientID: "portal", now: t0.addingTimeInterval(4)) == .unknown)
                // Not revoked: it redeems and keeps its grant.
                try await legacyCode(3, grant: "g3")
                guard case .redeemed = try await store.consumeCode(digest: [3], clientID: "portal", now: t0.addingTimeInterval(5)) else {
                    Issue.record("a live legacy code did not redeem")
                    return
                }
                #expect(try await store.grant(id: "g3")?.revokedAt == nil)
            }
        }
    }

    /// Whatever ends grants spends the codes that would have made them, before they are redeemed.
    @Test(arguments: TestBackend.all)
    func endingWhatACodesGrantBelongsToSpendsTheCode(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                try await prepareAccount(store)
                try await store.createSession(session(), secretDigest: [1])
                try await store.createSession(session(sid: "sid-2"), secretDigest: [2])
                func code(_ digest: UInt8, grant: String, client: String = "portal", sid: String = "sid-1", scopes: [String] = ["openid"]) async throws {
                    try await store.saveCode(digest: [digest], record: AuthorizationCodeRecord(
                        context: GrantContext(grantID: grant, clientID: client, subject: "acc-1", scopes: scopes, authTime: t0, sid: sid),
                        redirectURI: "https://p/cb", codeChallenge: nil, createdAt: t0, expiresAt: t0.addingTimeInterval(600)))
                }
                func redeemable(_ digest: UInt8, client: String = "portal") async throws -> Bool {
                    if case .redeemed = try await store.consumeCode(digest: [digest], clientID: client, now: t0.addingTimeInterval(10)) { return true }
                    return false
                }

                // The session's end: its codes, except offline_access ones.
                try await code(1, grant: "g1")
                try await code(2, grant: "g2", scopes: ["openid", "offline_access"])
                try await code(3, grant: "g3", sid: "sid-2")
                #expect(try await store.endSession(sid: "sid-1", at: t0.addingTimeInterval(1)))
                #expect(try await !redeemable(1))
                #expect(try await store.grant(id: "g1") == nil)
                #expect(try await redeemable(2))
                #expect(try await redeemable(3))

                // The consent to one client: its codes only.
                try await code(4, grant: "g4", client: "partner", sid: "sid-2")
                try await code(5, grant: "g5", sid: "sid-2")
                try await store.saveConsent(accountID: "acc-1", clientID: "partner", scopes: ["openid"], at: t0)
                #expect(try await store.revokeConsent(accountID: "acc-1", clientID: "partner", at: t0.addingTimeInterval(2)))
                #expect(try await !redeemable(4, client: "partner"))
                #expect(try await redeemable(5))

                // All of the account's grants (a password reset).
                try await code(6, grant: "g6", sid: "sid-2")
                try await store.revokeGrants(accountID: "acc-1", at: t0.addingTimeInterval(3))
                #expect(try await !redeemable(6))

                // Grants made up to a moment (a signing key's compromise): codes made by then.
                try await code(7, grant: "g7", sid: "sid-2")
                let start = t0
                try await store.backend.withTransaction { db in
                    try await SQLStore.endGrants(db, createdBefore: start, at: start.addingTimeInterval(4))
                }
                #expect(try await !redeemable(7))

                // A member's removal from a business: the codes that carry its scopes.
                try await code(8, grant: "g8", sid: "sid-2", scopes: ["openid", "business"])
                try await code(9, grant: "g9", sid: "sid-2")
                let engine = store.backend.engine
                try await store.backend.withTransaction { db in
                    try await SQLStore.endGrants(db, engine: engine, accountID: "acc-1", withAnyScope: ["business"], at: start.addingTimeInterval(5))
                }
                #expect(try await !redeemable(8))
                #expect(try await redeemable(9))
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func aRedeemedCodeStoresItsRefreshTokenOnceUnderConcurrentUse(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            let record = AuthorizationCodeRecord(context: context(), redirectURI: "https://p/cb", codeChallenge: nil, createdAt: t0,
                                                 expiresAt: t0.addingTimeInterval(60))
            try await database.withStore { store in
                try await store.saveCodeInSession(digest: [7], record: record)
            }
            let outcomes = try await database.withStores(4) { stores in
                try await withThrowingTaskGroup(of: CodeRedemption.self) { group in
                    for index in 0..<8 {
                        let store = stores[index % 4]
                        let t0 = self.t0
                        group.addTask {
                            try await store.consumeCode(digest: [7], clientID: "portal", now: t0.addingTimeInterval(5)) { redeemed in
                                .accepted(refreshToken: RefreshTokenIssue(digest: [20, UInt8(index)], record: RefreshTokenRecord(
                                    context: redeemed.context, createdAt: t0, expiresAt: t0.addingTimeInterval(1000))))
                            }
                        }
                    }
                    return try await group.reduce(into: [CodeRedemption]()) { $0.append($1) }
                }
            }
            #expect(outcomes.filter { $0 == .redeemed(record) }.count == 1)
            #expect(outcomes.filter { $0 == .reused(grantID: "g1") }.count == 7)
            try await database.withStore { (store: SQLStore) async throws -> Void in
                var stored: [RefreshTokenRecord] = []
                for index in 0..<8 {
                    if let token = try await store.refreshToken(digest: [20, UInt8(index)]) { stored.append(token.record) }
                }
                #expect(stored.map(\.context) == [record.context], "only the one redemption stored its refresh token")
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func aCodeRedeemedWithoutARefreshTokenIsSpentAllTheSame(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                let record = AuthorizationCodeRecord(context: context(), redirectURI: "https://p/cb", codeChallenge: nil, createdAt: t0,
                                                     expiresAt: t0.addingTimeInterval(60))
                try await store.saveCodeInSession(digest: [7], record: record)
                #expect(try await store.consumeCode(digest: [7], clientID: "portal", now: t0, accept: { _ in .accepted(refreshToken: nil) }) == .redeemed(record))
                #expect(try await store.consumeCode(digest: [7], clientID: "portal", now: t0) == .reused(grantID: "g1"))
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func aRefusedRefreshChangesNothing(_ backend: TestBackend) async throws {
        struct Refused: Error {}
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                try await store.createGrant(Grant(id: "g1", clientID: "portal", accountID: "acc-1", scopes: ["openid"], createdAt: t0))
                let record = RefreshTokenRecord(context: context(), createdAt: t0, expiresAt: t0.addingTimeInterval(1000))
                try await store.saveRefreshToken(digest: [1], record: record)
                await #expect(throws: Refused.self) {
                    try await store.rotateRefreshToken(digest: [1], successorDigest: [2], now: t0.addingTimeInterval(1)) { seen in
                        #expect(seen == record)
                        throw Refused()
                    }
                }
                #expect(try await store.refreshToken(digest: [1])?.rotated == false)
                #expect(try await store.refreshToken(digest: [2]) == nil)
                var rotated = record
                rotated.createdAt = t0.addingTimeInterval(2)
                #expect(try await store.rotateRefreshToken(digest: [1], successorDigest: [2], now: t0.addingTimeInterval(2)) == .rotated(rotated))
                #expect(try await store.rotateRefreshToken(digest: [1], successorDigest: [3], now: t0.addingTimeInterval(3)) == .reused(grantID: "g1"))
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func aRefreshTokenWhoseGrantIsGoneOrRevokedIsRevokedNotReused(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                try await store.saveRefreshToken(digest: [1], record: RefreshTokenRecord(
                    context: context(grant: "gone"), createdAt: t0, expiresAt: t0.addingTimeInterval(1000)))
                #expect(try await store.rotateRefreshToken(digest: [1], successorDigest: [2], now: t0) == .revoked(grantID: "gone"))
                #expect(try await store.refreshToken(digest: [1])?.rotated == false)
                try await store.createGrant(Grant(id: "g1", clientID: "portal", accountID: "acc-1", scopes: ["openid"], createdAt: t0))
                try await store.saveRefreshToken(digest: [3], record: RefreshTokenRecord(context: context(), createdAt: t0, expiresAt: t0.addingTimeInterval(1000)))
                guard case .rotated = try await store.rotateRefreshToken(digest: [3], successorDigest: [4], now: t0) else {
                    Issue.record("a live grant's token did not rotate")
                    return
                }
                try await store.revokeGrant(id: "g1", at: t0.addingTimeInterval(1))
                #expect(try await store.rotateRefreshToken(digest: [3], successorDigest: [5], now: t0.addingTimeInterval(2)) == .revoked(grantID: "g1"))
                #expect(try await store.rotateRefreshToken(digest: [4], successorDigest: [6], now: t0.addingTimeInterval(2)) == .revoked(grantID: "g1"))
            }
        }
    }

    /// SQLite's readers see what the writer committed before they started, and a write through one fails.
    @Test func sqliteReadersSeeCommittedWritesAndCannotWrite() async throws {
        try await TestDatabase.with(.sqlite) { database in
            try await database.withStore { store in
                try await store.createGrant(Grant(id: "g1", clientID: "portal", accountID: "acc-1", scopes: ["openid"], createdAt: t0))
                try await withThrowingTaskGroup(of: Grant?.self) { group in
                    for _ in 0..<8 { group.addTask { try await store.grant(id: "g1") } }
                    for try await grant in group { #expect(grant?.id == "g1") }
                }
                await #expect(throws: (any Error).self) {
                    try await store.backend.withReader { db in try await db.raw("DELETE FROM grants").run() }
                }
                #expect(try await store.grant(id: "g1") != nil)
            }
        }
    }
}
