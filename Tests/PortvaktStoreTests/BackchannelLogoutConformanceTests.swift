import Foundation
import PortvaktCore
import Testing

@testable import PortvaktStore

/// Back-channel logouts are queued by the store in the transaction that ends a session or a removed member's
/// grants, once per client with a logout URI, and delivered through a leased queue, on every backend.
@Suite struct BackchannelLogoutConformanceTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func prepare(_ store: SQLStore) async throws {
        try await store.createClient(ClientRegistration(
            id: "portal", name: "Portal", redirectURIs: ["https://portal.example/cb"], backchannelLogoutURI: "https://portal.example/bcl",
            backchannelLogoutSessionRequired: true, createdAt: t0))
        try await store.createClient(ClientRegistration(id: "quiet", name: "Quiet", redirectURIs: ["https://quiet.example/cb"], createdAt: t0))
        try await store.createAccount(Account(id: "acc-1", email: "anna@example.se", emailVerified: true, givenName: "Anna", familyName: "S",
                                              locale: "sv", createdAt: t0))
        for sid in ["s1", "s2"] {
            try await store.createSession(LoginSession(sid: sid, accountID: "acc-1", authTime: t0, acr: nil, amr: [], createdAt: t0, lastSeenAt: t0,
                                                       expiresAt: t0.addingTimeInterval(3600)), secretDigest: Array(sid.utf8))
        }
        // Two grants of the portal in s1 (one offline), one of the quiet client in s1, one of the portal in s2.
        for (id, client, sid, scopes) in [("g1", "portal", "s1", ["openid"]), ("g2", "portal", "s1", ["openid", "offline_access"]),
                                          ("g3", "quiet", "s1", ["openid"]), ("g4", "portal", "s2", ["openid", "memberships"])] {
            try await store.createGrant(Grant(id: id, clientID: client, accountID: "acc-1", scopes: scopes, sid: sid, createdAt: t0))
        }
    }

    @Test(arguments: TestBackend.all)
    func endingASessionQueuesOneLogoutPerClientWithAURI(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                try await prepare(store)
                #expect(try await store.pendingLogouts(limit: 10).isEmpty)
                #expect(try await store.endSession(sid: "s1", at: t0.addingTimeInterval(10)))
                let queued = try await store.pendingLogouts(limit: 10)
                #expect(queued.map(\.clientID) == ["portal"], "one per client and session; none for a client without a URI")
                #expect(queued.first?.sid == "s1" && queued.first?.accountID == "acc-1" && queued.first?.uri == "https://portal.example/bcl")
                #expect(try await store.endSession(sid: "s1", at: t0.addingTimeInterval(11)) == false)
                #expect(try await store.pendingLogouts(limit: 10).count == 1, "a session ends once")
                // "Log out everywhere" and password changes end the other sessions the same way.
                #expect(try await store.endSessions(accountID: "acc-1", except: nil, at: t0.addingTimeInterval(12)) == 1)
                #expect(try await store.pendingLogouts(limit: 10).map(\.sid) == ["s1", "s2"])
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func anIdleSessionEndsAsALogoutDoes(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                try await prepare(store)
                try await store.purgeSessions(now: t0.addingTimeInterval(500), idleTimeout: 1000)
                #expect(try await store.pendingLogouts(limit: 10).isEmpty, "not idle long enough")
                try await store.purgeSessions(now: t0.addingTimeInterval(1800), idleTimeout: 1000)
                #expect(try await store.pendingLogouts(limit: 10).map(\.sid) == ["s1", "s2"])
                #expect(try await store.grant(id: "g1")?.revokedAt != nil, "its grants end")
                #expect(try await store.endSession(sid: "s1", at: t0.addingTimeInterval(1801)) == false, "it has ended")
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func aRemovedClientsLogoutsAreFinishedNotClaimed(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                try await prepare(store)
                try await store.endSessions(accountID: "acc-1", except: nil, at: t0)
                #expect(try await store.removeClient(id: "portal"))
                // Registered again without a back-channel URI: its old logouts must not break the queue.
                try await store.createClient(ClientRegistration(id: "portal", name: "Portal", redirectURIs: ["https://portal.example/cb"], createdAt: t0))
                #expect(try await store.claimDueLogouts(now: t0, lease: 30, limit: 10).isEmpty)
                #expect(try await store.pendingLogouts(limit: 10).isEmpty)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func removingAMemberQueuesALogoutForTheBusinessGrants(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                try await prepare(store)
                // A grant from before sessions were recorded: the portal needs sid, so it cannot be told of this one.
                try await store.createGrant(Grant(id: "g5", clientID: "portal", accountID: "acc-1", scopes: ["memberships"], createdAt: t0))
                // Anna is a user of Pantbutiken, invited by its administrator Karin.
                try await store.saveBusiness(Business(
                    customerNumber: "0123436", name: "Pantbutiken", kind: .retailer, registeredEmail: "panta@pantbutiken.se", pinHash: "$argon2id$x",
                    createdAt: t0))
                try await store.createAccount(Account(id: "acc-2", email: "karin@example.se", emailVerified: true, givenName: "Karin", familyName: "L",
                                                      locale: "sv", createdAt: t0))
                #expect(try await store.linkFirstAdministrator(customerNumber: "0123436", accountID: "acc-2", at: t0) == .linked)
                try await store.createInvitation(
                    Invitation(id: "inv", customerNumber: "0123436", email: "anna@example.se", role: .user, invitedBy: "acc-2", createdAt: t0,
                               expiresAt: t0.addingTimeInterval(100)),
                    tokenDigest: [1])
                _ = try await store.acceptInvitation(tokenDigest: [1], accountID: "acc-1", verifiedEmail: "anna@example.se", now: t0)
                #expect(try await store.removeMember(customerNumber: "0123436", accountID: "acc-1", at: t0.addingTimeInterval(5)) == .done)
                #expect(try await store.members(customerNumber: "0123436").map(\.accountID) == ["acc-2"])
                let queued = try await store.pendingLogouts(limit: 10)
                #expect(queued.map(\.sid) == ["s2"] && queued.first?.accountID == "acc-1")
                #expect(try await store.grant(id: "g5")?.revokedAt != nil, "the grant ends all the same")
                let removed = try await store.grant(id: "g4"), kept = try await store.grant(id: "g1")
                #expect(removed?.revokedAt != nil && kept?.revokedAt == nil)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func logoutsAreLeasedRetriedAndFinished(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                try await prepare(store)
                try await store.endSessions(accountID: "acc-1", except: nil, at: t0)
            }
            try await database.withStores(2) { stores in
                let first = try await stores[0].claimDueLogouts(now: t0, lease: 30, limit: 10)
                let second = try await stores[1].claimDueLogouts(now: t0, lease: 30, limit: 10)
                #expect(first.count == 2 && second.isEmpty, "a claimed logout is leased to one node")
                #expect(first.allSatisfy { $0.attempts == 1 })
                try await stores[0].markLogoutDelivered(id: first[0].id, at: t0.addingTimeInterval(1))
                try await stores[0].markLogoutFailed(id: first[1].id, error: "connection refused", retryAt: t0.addingTimeInterval(2), at: t0)
                #expect(try await stores[1].claimDueLogouts(now: t0.addingTimeInterval(1), lease: 30, limit: 10).isEmpty)
                let retried = try await stores[1].claimDueLogouts(now: t0.addingTimeInterval(2), lease: 30, limit: 10)
                #expect(retried.map(\.id) == [first[1].id] && retried.first?.attempts == 2)
                try await stores[1].markLogoutFailed(id: first[1].id, error: "gave up", retryAt: nil, at: t0.addingTimeInterval(3))
                #expect(try await stores[0].claimDueLogouts(now: t0.addingTimeInterval(10_000), lease: 30, limit: 10).isEmpty)
                #expect(try await stores[0].pendingLogouts(limit: 10).isEmpty)
            }
        }
    }
}
