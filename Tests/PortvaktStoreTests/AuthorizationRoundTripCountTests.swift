import Foundation
import PortvaktCore
import Testing

@testable import PortvaktStore

/// The round trips of the hot paths: a returning user's `/authorize` is one read and one write (the code alone, one
/// statement), a code's redemption one transaction, a refresh one transaction.
@Suite struct AuthorizationRoundTripCountTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: TestBackend.all)
    func eachHotPathIsOneUnitOfWork(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                let t0 = self.t0
                let counting = CountingBackend(store.backend)
                let measured = SQLStore(backend: counting, logger: store.logger)
                try await store.createAccount(Account(id: "acc-1", email: nil, emailVerified: false, givenName: nil, familyName: nil, locale: nil, createdAt: t0))
                try await store.createSession(LoginSession(sid: "sid-1", accountID: "acc-1", authTime: t0, acr: nil, amr: [], createdAt: t0,
                                                           lastSeenAt: t0, expiresAt: t0.addingTimeInterval(1000)), secretDigest: [1])
                try await store.saveConsent(accountID: "acc-1", clientID: "partner", scopes: ["openid", "offline_access"], at: t0)

                // Within the second of the session's last activity: the read alone.
                var found: AuthorizingSession?
                let read = try await counting.counting {
                    found = try await measured.authorizingSession(secretDigest: [1], clientID: "partner", now: t0, idleTimeout: 100)
                }
                #expect(found?.consentedScopes == ["openid", "offline_access"])
                #expect(read == .init(sessions: 0, reads: 1, statements: 1))
                let context = GrantContext(grantID: "g1", clientID: "partner", subject: "acc-1", scopes: ["openid", "offline_access"], sid: "sid-1")
                let record = AuthorizationCodeRecord(context: context, redirectURI: "https://p/cb", codeChallenge: nil, createdAt: t0,
                                                     expiresAt: t0.addingTimeInterval(60))
                let write = try await counting.counting {
                    try await measured.saveCode(digest: [7], record: record)
                }
                #expect(write == .init(sessions: 1, reads: 0, statements: 1))
                #expect(try await store.grant(id: "g1") == nil, "no grant before the code is redeemed")
                let redeem = try await counting.counting {
                    _ = try await measured.consumeCode(digest: [7], clientID: "partner", now: t0) { redeemed in
                        .accepted(refreshToken: RefreshTokenIssue(
                            digest: [8], record: RefreshTokenRecord(context: redeemed.context, createdAt: t0, expiresAt: t0.addingTimeInterval(1000))))
                    }
                }
                // BEGIN, the code spent, its grant, its refresh token, COMMIT.
                #expect(redeem == .init(sessions: 1, reads: 0, statements: 5))
                #expect(try await store.grant(id: "g1") != nil)
                let refresh = try await counting.counting {
                    guard case .rotated = try await measured.rotateRefreshToken(digest: [8], successorDigest: [9], now: t0, accept: { _ in }) else {
                        Issue.record("the refresh token did not rotate")
                        return
                    }
                }
                // BEGIN, the token with its grant, the token spent, its successor, COMMIT.
                #expect(refresh == .init(sessions: 1, reads: 0, statements: 5))
                // A later second records the activity: one write more.
                let later = try await counting.counting {
                    _ = try await measured.authorizingSession(secretDigest: [1], clientID: "partner", now: t0.addingTimeInterval(5), idleTimeout: 100)
                }
                #expect(later == .init(sessions: 1, reads: 1, statements: 2))
            }
        }
    }
}
