import Foundation
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
    func issuingACodeWritesTheGrantAndTheCodeTogether(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                let grant = Grant(id: "g1", clientID: "portal", accountID: "acc-1", scopes: ["openid"], sid: "sid-1", createdAt: t0)
                let record = AuthorizationCodeRecord(context: context(), redirectURI: "https://p/cb", codeChallenge: "ch", createdAt: t0,
                                                     expiresAt: t0.addingTimeInterval(60))
                try await store.issueCode(grant: grant, digest: [7], record: record)
                #expect(try await store.grant(id: "g1") == grant)
                // A second code under the same grant id fails as a whole: no code is left without its grant.
                await #expect(throws: (any Error).self) {
                    try await store.issueCode(grant: grant, digest: [8], record: record)
                }
                #expect(try await store.consumeCode(digest: [8], clientID: "portal", now: t0) == .unknown)
                #expect(try await store.consumeCode(digest: [7], clientID: "portal", now: t0) == .redeemed(record))
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func aRedeemedCodeStoresItsRefreshTokenOnceUnderConcurrentUse(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            let record = AuthorizationCodeRecord(context: context(), redirectURI: "https://p/cb", codeChallenge: nil, createdAt: t0,
                                                 expiresAt: t0.addingTimeInterval(60))
            try await database.withStore { store in
                try await store.issueCode(
                    grant: Grant(id: "g1", clientID: "portal", accountID: "acc-1", scopes: record.context.scopes, createdAt: t0),
                    digest: [7], record: record)
            }
            let outcomes = try await database.withStores(4) { stores in
                try await withThrowingTaskGroup(of: CodeRedemption.self) { group in
                    for index in 0..<8 {
                        let store = stores[index % 4]
                        let t0 = self.t0
                        group.addTask {
                            try await store.consumeCode(digest: [7], clientID: "portal", now: t0.addingTimeInterval(5)) { redeemed in
                                RefreshTokenIssue(digest: [20, UInt8(index)], record: RefreshTokenRecord(
                                    context: redeemed.context, createdAt: t0, expiresAt: t0.addingTimeInterval(1000)))
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
                try await store.saveCode(digest: [7], record: record)
                #expect(try await store.consumeCode(digest: [7], clientID: "portal", now: t0, refreshToken: { _ in nil }) == .redeemed(record))
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
