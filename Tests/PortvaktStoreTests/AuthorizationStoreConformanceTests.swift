import Foundation
import PortvaktCore
import Testing

@testable import PortvaktStore

/// Conformance of clients, accounts, sessions and the authorization flow state, on every backend.
@Suite struct AuthorizationStoreConformanceTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func context(grant: String = "g1") -> GrantContext {
        GrantContext(grantID: grant, clientID: "portal", subject: "acc-1", scopes: ["openid", "email"], authTime: t0, acr: "pwd",
                     amr: ["pwd", "otp"], sid: "sid-1", nonce: "n-0S6", idTokenClaims: ["name"])
    }

    func account(_ id: String = "acc-1", email: String = "Anna@Example.se") -> Account {
        Account(id: id, email: email, emailVerified: true, givenName: "Anna", familyName: "Svensson", locale: "sv", createdAt: t0)
    }

    @Test(arguments: TestBackend.all)
    func clientsRoundTripAndIdsAreUnique(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                let client = ClientRegistration(
                    id: "portal", name: "Mina sidor", redirectURIs: ["https://portal.example.se/cb", "http://127.0.0.1:3000/cb"],
                    postLogoutRedirectURIs: ["https://portal.example.se/"], authMethod: .privateKeyJWT,
                    jwksURI: "https://portal.example.se/jwks", grantTypes: [.authorizationCode, .refreshToken, .clientCredentials],
                    scopes: ["openid", "email"], firstParty: true, alwaysRefreshToken: true, idTokenSignedResponseAlg: .es256,
                    secretDigest: [1, 2, 3], createdAt: t0)
                try await store.createClient(client)
                #expect(try await store.client(id: "portal") == client)
                let error = await #expect(throws: StoreError.self) { try await store.createClient(client) }
                #expect(error?.isConflict == true)
                #expect(try await store.updateClientSecret(id: "portal", digest: [9]))
                #expect(try await store.client(id: "portal")?.secretDigest == [9])
                #expect(try await store.updateClientSecret(id: "nobody", digest: [9]) == false)
                #expect(try await store.clients().map(\.id) == ["portal"])
                #expect(try await store.removeClient(id: "portal"))
                #expect(try await store.removeClient(id: "portal") == false)
                #expect(try await store.client(id: "portal") == nil)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func aClientRequiresPKCEUnlessRegisteredWithout(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                let strict = ClientRegistration(id: "strict", name: "S", redirectURIs: ["https://s.example.se/cb"], createdAt: t0)
                var legacy = strict
                legacy.id = "legacy"
                legacy.requiresPKCE = false
                try await store.createClient(strict)
                try await store.createClient(legacy)
                #expect(try await store.client(id: "strict")?.requiresPKCE == true)
                #expect(try await store.client(id: "legacy")?.requiresPKCE == false)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func accountsAreFoundByIdAndByEmailIgnoringCase(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                try await store.createAccount(account())
                #expect(try await store.account(id: "acc-1") == account())
                #expect(try await store.account(email: "anna@EXAMPLE.se")?.id == "acc-1")
                let error = await #expect(throws: StoreError.self) { try await store.createAccount(account("acc-2", email: "ANNA@example.se")) }
                #expect(error?.isConflict == true)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func namesAndAddressesChangeAndTheAcceptedPolicyIsKept(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                var first = account("acc-1")
                first.privacyPolicyVersion = "2026-11-01"
                first.privacyPolicyAcceptedAt = t0
                try await store.createAccount(first)
                try await store.createAccount(account("acc-2", email: "bo@example.se"))
                #expect(try await store.account(id: "acc-1") == first)
                try await store.updateName(accountID: "acc-1", givenName: "Anna-Lena", familyName: "Ek")
                try await store.updateEmail(accountID: "acc-1", email: "Anna.Ek@Example.se")
                let changed = try await store.account(email: "anna.ek@example.se")
                #expect(changed?.givenName == "Anna-Lena" && changed?.familyName == "Ek" && changed?.email == "Anna.Ek@Example.se")
                #expect(try await store.account(email: "anna@example.se") == nil)
                await #expect(throws: StoreError.self) { try await store.updateEmail(accountID: "acc-1", email: "BO@example.se") }
                #expect(try await store.account(id: "acc-1")?.email == "Anna.Ek@Example.se", "a refused change keeps the address")
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func anAccountsSessionsAreListedAndEndedTogether(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                try await store.createAccount(account("acc-1"))
                try await store.createAccount(account("acc-2", email: "bo@example.se"))
                for (index, owner) in ["acc-1", "acc-1", "acc-1", "acc-2"].enumerated() {
                    let start = t0.addingTimeInterval(Double(index))
                    try await store.createSession(LoginSession(sid: "sid-\(index)", accountID: owner, authTime: start, acr: nil, amr: ["pwd"],
                                                               createdAt: start, lastSeenAt: start, expiresAt: start.addingTimeInterval(3600)),
                                                  secretDigest: [UInt8(index)])
                }
                let listed = try await store.activeSessions(accountID: "acc-1", now: t0.addingTimeInterval(10), idleTimeout: 600)
                #expect(listed.map(\.sid) == ["sid-2", "sid-1", "sid-0"])
                #expect(try await store.endSessions(accountID: "acc-1", except: "sid-1", at: t0.addingTimeInterval(11)) == 2)
                #expect(try await store.activeSessions(accountID: "acc-1", now: t0.addingTimeInterval(12), idleTimeout: 600).map(\.sid) == ["sid-1"])
                #expect(try await store.endSessions(accountID: "acc-1", except: nil, at: t0.addingTimeInterval(13)) == 1)
                #expect(try await store.activeSessions(accountID: "acc-2", now: t0.addingTimeInterval(14), idleTimeout: 600).count == 1)
            }
        }
    }

    /// Ending a session (logout, "end my other sessions", its absolute end) ends the grants made under it with
    /// their refresh tokens, except `offline_access` grants; other sessions' grants and grants without one stay.
    @Test(arguments: TestBackend.all)
    func endingASessionEndsItsGrantsExceptOfflineAccess(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                try await store.createAccount(account())
                for (index, lifetime) in [1000.0, 1000, 60].enumerated() {
                    try await store.createSession(LoginSession(sid: "s\(index + 1)", accountID: "acc-1", authTime: t0, acr: nil, amr: [], createdAt: t0,
                                                               lastSeenAt: t0, expiresAt: t0.addingTimeInterval(lifetime)), secretDigest: [UInt8(index + 10)])
                }
                let grants: [(id: String, sid: String?, scopes: [String])] = [
                    ("online-1", "s1", ["openid"]), ("offline-1", "s1", ["openid", "offline_access"]), ("online-2", "s2", ["openid"]),
                    ("online-3", "s3", ["openid"]), ("no-session", nil, ["openid"]),
                ]
                for (index, grant) in grants.enumerated() {
                    try await store.createGrant(Grant(id: grant.id, clientID: "portal", accountID: "acc-1", scopes: grant.scopes, sid: grant.sid, createdAt: t0))
                    try await store.saveRefreshToken(digest: [UInt8(index)], record: RefreshTokenRecord(
                        context: GrantContext(grantID: grant.id, clientID: "portal", subject: "acc-1", scopes: grant.scopes, sid: grant.sid),
                        createdAt: t0, expiresAt: t0.addingTimeInterval(10_000)))
                }
                #expect(try await store.grant(id: "online-1")?.sid == "s1")
                func live() async throws -> [String] {
                    var ids: [String] = []
                    for (index, grant) in grants.enumerated() {
                        let record = try await store.refreshToken(digest: [UInt8(index)])
                        if try await store.grant(id: grant.id)?.revokedAt == nil, record?.rotated == false { ids.append(grant.id) }
                    }
                    return ids
                }
                #expect(try await live() == grants.map(\.id))
                #expect(try await store.endSession(sid: "s1", at: t0.addingTimeInterval(1)))
                #expect(try await live() == ["offline-1", "online-2", "online-3", "no-session"])
                #expect(try await store.endSessions(accountID: "acc-1", except: "s3", at: t0.addingTimeInterval(2)) == 1)
                #expect(try await live() == ["offline-1", "online-3", "no-session"])
                try await store.purgeSessions(now: t0.addingTimeInterval(60), idleTimeout: 3600)
                #expect(try await live() == ["offline-1", "no-session"])
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func sessionsEndByIdleTimeoutAbsoluteTimeoutAndLogout(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                try await store.createAccount(account())
                let session = LoginSession(sid: "sid-1", accountID: "acc-1", authTime: t0, acr: "pwd", amr: ["pwd"], createdAt: t0,
                                           lastSeenAt: t0, expiresAt: t0.addingTimeInterval(1000))
                try await store.createSession(session, secretDigest: [1])
                #expect(try await store.activeSession(secretDigest: [2], now: t0, idleTimeout: 100) == nil)
                let seen = try await store.activeSession(secretDigest: [1], now: t0.addingTimeInterval(90), idleTimeout: 100)
                #expect(seen?.sid == "sid-1" && seen?.amr == ["pwd"])
                // Activity moved the idle deadline.
                #expect(try await store.activeSession(secretDigest: [1], now: t0.addingTimeInterval(180), idleTimeout: 100) != nil)
                #expect(try await store.activeSession(secretDigest: [1], now: t0.addingTimeInterval(281), idleTimeout: 100) == nil)
                try await store.createSession(LoginSession(sid: "sid-2", accountID: "acc-1", authTime: t0, acr: nil, amr: [], createdAt: t0,
                                                           lastSeenAt: t0, expiresAt: t0.addingTimeInterval(50)), secretDigest: [3])
                #expect(try await store.activeSession(secretDigest: [3], now: t0.addingTimeInterval(50), idleTimeout: 100) == nil)
                try await store.createSession(LoginSession(sid: "sid-3", accountID: "acc-1", authTime: t0, acr: nil, amr: [], createdAt: t0,
                                                           lastSeenAt: t0, expiresAt: t0.addingTimeInterval(500)), secretDigest: [4])
                #expect(try await store.endSession(sid: "sid-3", at: t0))
                #expect(try await store.endSession(sid: "sid-3", at: t0) == false)
                #expect(try await store.activeSession(secretDigest: [4], now: t0, idleTimeout: 100) == nil)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func aSessionKeepsItsBrowserAndAddressAndOlderOnesHaveNone(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                try await store.createAccount(account())
                let agent = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0 \u{1F642} 'quoted' <b>"
                let kept = LoginSession(sid: "sid-1", accountID: "acc-1", authTime: t0, acr: nil, amr: ["pwd"], createdAt: t0, lastSeenAt: t0,
                                        expiresAt: t0.addingTimeInterval(1000), userAgent: agent, address: "2001:db8::7")
                try await store.createSession(kept, secretDigest: [1])
                try await store.createSession(LoginSession(sid: "sid-2", accountID: "acc-1", authTime: t0, acr: nil, amr: [], createdAt: t0.addingTimeInterval(1),
                                                           lastSeenAt: t0, expiresAt: t0.addingTimeInterval(1000)), secretDigest: [2])
                let seen = try await store.activeSession(secretDigest: [1], now: t0, idleTimeout: 100)
                #expect(seen?.userAgent == agent && seen?.address == "2001:db8::7")
                let listed = try await store.activeSessions(accountID: "acc-1", now: t0, idleTimeout: 100)
                #expect(listed.map(\.sid) == ["sid-2", "sid-1"])
                #expect(listed.last == kept)
                #expect(listed.first?.userAgent == nil && listed.first?.address == nil, "a session without them reads back as nil")
                let authorizing = try await store.authorizingSession(secretDigest: [1], clientID: "none", now: t0, idleTimeout: 100)
                #expect(authorizing?.session.userAgent == agent && authorizing?.session.address == "2001:db8::7")
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func pendingRequestsExpireAndRememberConsent(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                let request = AuthorizationRequest(clientID: "portal", redirectURI: "https://p/cb", scopes: ["openid"], state: "s",
                                                   codeChallenge: "c", prompts: [.login, .consent], maxAge: 5)
                try await store.savePendingAuthorization(PendingAuthorization(
                    id: "p1", request: request, createdAt: t0, expiresAt: t0.addingTimeInterval(600), browserBinding: [7, 7]))
                #expect(try await store.pendingAuthorization(id: "p1", now: t0)?.request == request)
                #expect(try await store.pendingAuthorization(id: "p1", now: t0)?.browserBinding == [7, 7])
                try await store.markConsentGiven(pendingID: "p1", sid: "sid-9")
                #expect(try await store.pendingAuthorization(id: "p1", now: t0)?.consentSID == "sid-9")
                #expect(try await store.pendingAuthorization(id: "p1", now: t0.addingTimeInterval(600)) == nil)
                #expect(try await store.claimPendingAuthorization(id: "p1"))
                #expect(try await store.claimPendingAuthorization(id: "p1") == false, "only one caller claims a request")
                #expect(try await store.pendingAuthorization(id: "p1", now: t0) == nil)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func aCodeIsRedeemedExactlyOnceEvenUnderConcurrentUse(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            let record = AuthorizationCodeRecord(context: context(), redirectURI: "https://p/cb", codeChallenge: "ch", createdAt: t0,
                                                 expiresAt: t0.addingTimeInterval(60))
            try await database.withStore { try await $0.saveCodeInSession(digest: [7], record: record) }
            let outcomes = try await database.withStores(4) { stores in
                try await withThrowingTaskGroup(of: CodeRedemption.self) { group in
                    for index in 0..<8 {
                        let store = stores[index % 4]
                        group.addTask { try await store.consumeCode(digest: [7], clientID: "portal", now: self.t0.addingTimeInterval(5)) }
                    }
                    return try await group.reduce(into: [CodeRedemption]()) { $0.append($1) }
                }
            }
            #expect(outcomes.filter { $0 == .redeemed(record) }.count == 1)
            #expect(outcomes.filter { $0 == .reused(grantID: "g1") }.count == 7)
            try await database.withStore { (store: SQLStore) async throws -> Void in
                #expect(try await store.consumeCode(digest: [8], clientID: "portal", now: t0) == .unknown)
                // Long after its end, a spent code is forgotten, not "reused".
                #expect(try await store.consumeCode(digest: [7], clientID: "portal", now: t0.addingTimeInterval(60 + 600)) == .unknown)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func anotherClientsAttemptNeitherRedeemsNorSpendsACode(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                let record = AuthorizationCodeRecord(context: context(), redirectURI: "https://p/cb", codeChallenge: nil, createdAt: t0,
                                                     expiresAt: t0.addingTimeInterval(60))
                try await store.saveCodeInSession(digest: [7], record: record)
                #expect(try await store.consumeCode(digest: [7], clientID: "intruder", now: t0) == .unknown)
                #expect(try await store.consumeCode(digest: [7], clientID: "portal", now: t0) == .redeemed(record))
                #expect(try await store.consumeCode(digest: [7], clientID: "intruder", now: t0) == .unknown)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func expiredRecordsArePurged(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                try await store.createAccount(account())
                try await store.saveCodeInSession(digest: [1], record: AuthorizationCodeRecord(
                    context: context(), redirectURI: "https://p/cb", codeChallenge: nil, createdAt: t0, expiresAt: t0.addingTimeInterval(60)))
                try await store.saveRefreshToken(digest: [2], record: RefreshTokenRecord(context: context(), createdAt: t0, expiresAt: t0.addingTimeInterval(100)))
                try await store.saveRefreshToken(digest: [3], record: RefreshTokenRecord(context: context(), createdAt: t0, expiresAt: t0.addingTimeInterval(10_000)))
                try await store.createSession(LoginSession(sid: "s1", accountID: "acc-1", authTime: t0, acr: nil, amr: [], createdAt: t0,
                                                           lastSeenAt: t0, expiresAt: t0.addingTimeInterval(100)), secretDigest: [4])
                let later = t0.addingTimeInterval(1000)
                try await store.purgeExpired(now: later)
                try await store.purgeSessions(now: later, idleTimeout: 3600)
                #expect(try await store.refreshToken(digest: [2]) == nil)
                #expect(try await store.refreshToken(digest: [3]) != nil)
                #expect(try await store.consumeCode(digest: [1], clientID: "portal", now: later) == .unknown)
                #expect(try await store.endSession(sid: "s1", at: later) == false, "the expired session is gone")
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func concurrentApprovalsOfOneClientAllLand(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStores(4) { stores in
                _ = try await stores[0].migrate()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for (index, scope) in ["openid", "email", "profile", "offline_access"].enumerated() {
                        let store = stores[index]
                        group.addTask { try await store.saveConsent(accountID: "acc-1", clientID: "c", scopes: [scope], at: self.t0) }
                    }
                    try await group.waitForAll()
                }
                let scopes = try await stores[0].consentedScopes(accountID: "acc-1", clientID: "c")
                #expect(!scopes.isEmpty, "every approval landed without an error; the last merge wins")
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func anExpiredCodeIsNotRedeemed(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                let record = AuthorizationCodeRecord(context: context(), redirectURI: "https://p/cb", codeChallenge: nil, createdAt: t0,
                                                     expiresAt: t0.addingTimeInterval(60))
                try await store.saveCodeInSession(digest: [7], record: record)
                #expect(try await store.consumeCode(digest: [7], clientID: "portal", now: t0.addingTimeInterval(60)) == .unknown)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func aRefreshTokenRotatesOnceAndReuseNamesItsFamily(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            let record = RefreshTokenRecord(context: context(), createdAt: t0, expiresAt: t0.addingTimeInterval(1000))
            try await database.withStore { store in
                try await store.createGrant(Grant(id: "g1", clientID: "portal", accountID: "acc-1", scopes: ["openid"], createdAt: t0))
                try await store.saveRefreshToken(digest: [1], record: record)
            }
            let outcomes = try await database.withStores(4) { stores in
                try await withThrowingTaskGroup(of: RefreshRotation.self) { group in
                    for index in 0..<8 {
                        let store = stores[index % 4]
                        group.addTask { try await store.rotateRefreshToken(digest: [1], successorDigest: [2, UInt8(index)], now: self.t0.addingTimeInterval(10)) }
                    }
                    return try await group.reduce(into: [RefreshRotation]()) { $0.append($1) }
                }
            }
            var rotated = record
            rotated.createdAt = t0.addingTimeInterval(10)
            #expect(outcomes.filter { $0 == .rotated(rotated) }.count == 1)
            #expect(outcomes.filter { $0 == .reused(grantID: "g1") }.count == 7)
            try await database.withStore { (store: SQLStore) async throws -> Void in
                #expect(try await store.refreshToken(digest: [1])?.rotated == true)
                #expect(try await store.rotateRefreshToken(digest: [9], successorDigest: [10], now: t0) == .unknown)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func aRefreshTokenPastItsFamilysEndDoesNotRotate(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                try await store.createGrant(Grant(id: "g1", clientID: "portal", accountID: "acc-1", scopes: ["openid"], createdAt: t0))
                try await store.saveRefreshToken(digest: [1], record: RefreshTokenRecord(context: context(), createdAt: t0, expiresAt: t0.addingTimeInterval(100)))
                #expect(try await store.rotateRefreshToken(digest: [1], successorDigest: [2], now: t0.addingTimeInterval(100)) == .expired)
                #expect(try await store.refreshToken(digest: [2]) == nil)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func revokingAGrantSpendsItsCodesAndRefreshTokens(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                try await store.createGrant(Grant(id: "g1", clientID: "portal", accountID: "acc-1", scopes: ["openid"], createdAt: t0))
                try await store.saveCodeInSession(digest: [1], record: AuthorizationCodeRecord(context: context(), redirectURI: "https://p/cb",
                                                                                    codeChallenge: nil, createdAt: t0, expiresAt: t0.addingTimeInterval(60)))
                try await store.saveRefreshToken(digest: [2], record: RefreshTokenRecord(context: context(), createdAt: t0, expiresAt: t0.addingTimeInterval(100)))
                try await store.revokeGrant(id: "g1", at: t0.addingTimeInterval(1))
                #expect(try await store.grant(id: "g1")?.revokedAt == t0.addingTimeInterval(1))
                #expect(try await store.consumeCode(digest: [1], clientID: "portal", now: t0.addingTimeInterval(2)) == .reused(grantID: "g1"))
                #expect(try await store.rotateRefreshToken(digest: [2], successorDigest: [3], now: t0.addingTimeInterval(2)) == .revoked(grantID: "g1"))
            }
        }
    }

    /// Grants g1 (portal) and g2 (partner) of acc-1 and g3 (portal) of acc-2, each with a live refresh token whose
    /// digest is its number.
    func seedThreeGrantsWithRefreshTokens(_ store: SQLStore) async throws {
        try await store.createGrant(Grant(id: "g1", clientID: "portal", accountID: "acc-1", scopes: ["openid"], createdAt: t0))
        try await store.createGrant(Grant(id: "g2", clientID: "partner", accountID: "acc-1", scopes: ["openid"], createdAt: t0))
        try await store.createGrant(Grant(id: "g3", clientID: "portal", accountID: "acc-2", scopes: ["openid"], createdAt: t0))
        for (digest, grant) in [(UInt8(1), "g1"), (2, "g2"), (3, "g3")] {
            try await store.saveRefreshToken(
                digest: [digest], record: RefreshTokenRecord(context: context(grant: grant), createdAt: t0, expiresAt: t0.addingTimeInterval(100)))
        }
    }

    @Test(arguments: TestBackend.all)
    func revokingAnAccountsGrantsSpendsAllOfThemAndNoOtherAccounts(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                try await seedThreeGrantsWithRefreshTokens(store)
                try await store.revokeGrants(accountID: "acc-1", at: t0.addingTimeInterval(1))
                let g1 = try await store.grant(id: "g1"), g2 = try await store.grant(id: "g2")
                #expect(g1?.revokedAt != nil && g2?.revokedAt != nil)
                #expect(try await store.grant(id: "g3")?.revokedAt == nil)
                #expect(try await store.rotateRefreshToken(digest: [2], successorDigest: [12], now: t0.addingTimeInterval(2)) == .revoked(grantID: "g2"))
                let other = try await store.rotateRefreshToken(digest: [3], successorDigest: [13], now: t0.addingTimeInterval(2))
                guard case .rotated = other else { Issue.record("another account's token was spent: \(other)"); return }
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func consentsAccumulateScopes(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                #expect(try await store.consentedScopes(accountID: "acc-1", clientID: "c").isEmpty)
                try await store.saveConsent(accountID: "acc-1", clientID: "c", scopes: ["openid", "email"], at: t0)
                try await store.saveConsent(accountID: "acc-1", clientID: "c", scopes: ["profile"], at: t0)
                #expect(try await store.consentedScopes(accountID: "acc-1", clientID: "c") == ["openid", "email", "profile"])
                #expect(try await store.consentedScopes(accountID: "acc-1", clientID: "other").isEmpty)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func revokingAConsentForgetsItAndEndsThatClientsGrantsOnly(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                try await store.saveConsent(accountID: "acc-1", clientID: "portal", scopes: ["openid", "email"], at: t0)
                try await store.saveConsent(accountID: "acc-1", clientID: "partner", scopes: ["openid"], at: t0.addingTimeInterval(1))
                try await store.saveConsent(accountID: "acc-2", clientID: "portal", scopes: ["openid"], at: t0)
                #expect(try await store.consents(accountID: "acc-1").map(\.clientID) == ["portal", "partner"])
                #expect(try await store.consents(accountID: "acc-1").first?.scopes == ["email", "openid"])
                try await seedThreeGrantsWithRefreshTokens(store)
                #expect(try await store.revokeConsent(accountID: "acc-1", clientID: "portal", at: t0.addingTimeInterval(2)))
                #expect(try await store.revokeConsent(accountID: "acc-1", clientID: "portal", at: t0.addingTimeInterval(3)) == false, "once")
                #expect(try await store.consents(accountID: "acc-1").map(\.clientID) == ["partner"])
                #expect(try await store.consentedScopes(accountID: "acc-2", clientID: "portal") == ["openid"], "another account's stays")
                #expect(try await store.grant(id: "g1")?.revokedAt == t0.addingTimeInterval(2))
                let partner = try await store.grant(id: "g2"), otherAccount = try await store.grant(id: "g3")
                #expect(partner?.revokedAt == nil && otherAccount?.revokedAt == nil)
                #expect(try await store.rotateRefreshToken(digest: [1], successorDigest: [11], now: t0.addingTimeInterval(4)) == .revoked(grantID: "g1"))
                let other = try await store.rotateRefreshToken(digest: [2], successorDigest: [12], now: t0.addingTimeInterval(4))
                guard case .rotated = other else { Issue.record("another client's token was spent: \(other)"); return }
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func aClientAssertionIDIsAcceptedOnce(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                #expect(try await store.useClientAssertionID(clientID: "c", jti: "j1", expiresAt: t0.addingTimeInterval(60), now: t0))
                #expect(try await store.useClientAssertionID(clientID: "c", jti: "j1", expiresAt: t0.addingTimeInterval(60), now: t0) == false)
                #expect(try await store.useClientAssertionID(clientID: "d", jti: "j1", expiresAt: t0.addingTimeInterval(60), now: t0))
            }
        }
    }
}
