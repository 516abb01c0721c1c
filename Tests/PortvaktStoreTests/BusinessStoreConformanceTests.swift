import Foundation
import PortvaktCore
import Testing

@testable import PortvaktStore

@Suite struct BusinessStoreConformanceTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func seed(_ store: SQLStore, accounts: Int) async throws {
        try await store.saveBusiness(Business(
            customerNumber: "0123436", name: "Pantbutiken", kind: .retailer, registeredEmail: "panta@pantbutiken.se", pinHash: "$argon2id$x",
            createdAt: t0))
        for index in 0..<accounts {
            try await store.createAccount(Account(id: "acc-\(index)", email: "p\(index)@example.se", emailVerified: true, givenName: "P\(index)",
                                                  familyName: nil, locale: nil, createdAt: t0))
        }
    }

    @Test(arguments: TestBackend.all)
    func ofAccountsLinkingAtOnceExactlyOneBecomesAdministrator(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { try await seed($0, accounts: 8) }
            let outcomes = try await database.withStores(4) { stores in
                try await withThrowingTaskGroup(of: LinkOutcome.self) { group in
                    for index in 0..<8 {
                        let store = stores[index % 4]
                        group.addTask { try await store.linkFirstAdministrator(customerNumber: "0123436", accountID: "acc-\(index)", at: self.t0) }
                    }
                    return try await group.reduce(into: [LinkOutcome]()) { $0.append($1) }
                }
            }
            #expect(outcomes.filter { $0 == .linked }.count == 1 && outcomes.filter { $0 == .hasAdministrator }.count == 7)
            try await database.withStore { (store: SQLStore) async throws -> Void in
                let members = try await store.members(customerNumber: "0123436")
                #expect(members.count == 1 && members[0].role == .admin)
                #expect(try await store.linkFirstAdministrator(customerNumber: "9999999", accountID: "acc-0", at: t0) == .unknownBusiness)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func aLinkTokenIsRedeemedOnceAndOnlyByItsAccount(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                try await seed(store, accounts: 2)
                try await store.saveLinkToken(digest: [7], customerNumber: "0123436", accountID: "acc-0", expiresAt: t0.addingTimeInterval(86_400))
                #expect(try await store.redeemLinkToken(digest: [7], accountID: "acc-1", now: t0).outcome == .invalidToken, "bound to its account")
            }
            let outcomes = try await database.withStores(4) { stores in
                try await withThrowingTaskGroup(of: LinkOutcome.self) { group in
                    for index in 0..<6 {
                        let store = stores[index % 4]
                        group.addTask { try await store.redeemLinkToken(digest: [7], accountID: "acc-0", now: self.t0).outcome }
                    }
                    return try await group.reduce(into: [LinkOutcome]()) { $0.append($1) }
                }
            }
            #expect(outcomes.filter { $0 == .linked }.count == 1 && outcomes.filter { $0 == .invalidToken }.count == 5)
            try await database.withStore { (store: SQLStore) async throws -> Void in
                try await store.saveLinkToken(digest: [8], customerNumber: "0123436", accountID: "acc-1", expiresAt: t0.addingTimeInterval(10))
                #expect(try await store.redeemLinkToken(digest: [8], accountID: "acc-1", now: t0.addingTimeInterval(10)).outcome == .invalidToken)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func anInvitationIsAcceptedOnceByItsAddress(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                try await seed(store, accounts: 3)
                try await store.createInvitation(
                    Invitation(id: "inv-1", customerNumber: "0123436", email: "P2@example.se", role: .user, invitedBy: "acc-0", createdAt: t0,
                               expiresAt: t0.addingTimeInterval(7 * 86_400)),
                    tokenDigest: [9])
                #expect(try await store.acceptInvitation(tokenDigest: [9], accountID: "acc-1", verifiedEmail: "p1@example.se", now: t0) == .wrongAddress)
            }
            let outcomes = try await database.withStores(4) { stores in
                try await withThrowingTaskGroup(of: InvitationAcceptance.self) { group in
                    for index in 0..<6 {
                        let store = stores[index % 4]
                        group.addTask { try await store.acceptInvitation(tokenDigest: [9], accountID: "acc-2", verifiedEmail: "p2@example.se", now: self.t0) }
                    }
                    return try await group.reduce(into: [InvitationAcceptance]()) { $0.append($1) }
                }
            }
            #expect(outcomes.filter { $0 == .accepted(customerNumber: "0123436", role: .user) }.count == 1)
            #expect(outcomes.filter { $0 == .invalid }.count == 5)
            try await database.withStore { (store: SQLStore) async throws -> Void in
                #expect(try await store.invitations(customerNumber: "0123436").first?.state(now: t0) == .accepted)
                try await store.createInvitation(
                    Invitation(id: "inv-2", customerNumber: "0123436", email: "x@example.se", role: .admin, invitedBy: "acc-0", createdAt: t0,
                               expiresAt: t0.addingTimeInterval(100)),
                    tokenDigest: [10])
                #expect(try await store.revokeInvitation(id: "inv-2", customerNumber: "0123436", at: t0))
                #expect(try await store.acceptInvitation(tokenDigest: [10], accountID: "acc-1", verifiedEmail: "x@example.se", now: t0) == .invalid)
                // Whatever its state, a token finds its invitation, so the page can say which state it is in.
                #expect(try await store.invitation(tokenDigest: [10], now: t0) == nil)
                #expect(try await store.invitation(anyStateTokenDigest: [10])?.state(now: t0) == .revoked)
                #expect(try await store.invitation(anyStateTokenDigest: [9])?.state(now: t0) == .accepted)
                #expect(try await store.invitation(anyStateTokenDigest: [99]) == nil)
                #expect(try await store.renewInvitation(id: "inv-2", customerNumber: "0123436", tokenDigest: [11], expiresAt: t0, now: t0) == false)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func aBusinessNeverLosesItsLastAdministratorEvenWhenTwoDemoteEachOtherAtOnce(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                try await seed(store, accounts: 3)
                #expect(try await store.linkFirstAdministrator(customerNumber: "0123436", accountID: "acc-0", at: t0) == .linked)
                #expect(try await store.changeRole(customerNumber: "0123436", accountID: "acc-0", to: .user) == .lastAdministrator)
                #expect(try await store.removeMember(customerNumber: "0123436", accountID: "acc-0", at: t0) == .lastAdministrator)
                #expect(try await store.changeRole(customerNumber: "0123436", accountID: "acc-2", to: .admin) == .notMember)
                try await store.createInvitation(
                    Invitation(id: "inv", customerNumber: "0123436", email: "p1@example.se", role: .admin, invitedBy: "acc-0", createdAt: t0,
                               expiresAt: t0.addingTimeInterval(100)),
                    tokenDigest: [1])
                #expect(try await store.acceptInvitation(tokenDigest: [1], accountID: "acc-1", verifiedEmail: "p1@example.se", now: t0)
                    == .accepted(customerNumber: "0123436", role: .admin))
            }
            let outcomes = try await database.withStores(2) { stores in
                try await withThrowingTaskGroup(of: MembershipChange.self) { group in
                    group.addTask { try await stores[0].changeRole(customerNumber: "0123436", accountID: "acc-0", to: .user) }
                    group.addTask { try await stores[1].changeRole(customerNumber: "0123436", accountID: "acc-1", to: .user) }
                    return try await group.reduce(into: [MembershipChange]()) { $0.append($1) }
                }
            }
            #expect(outcomes.filter { $0 == .done }.count == 1 && outcomes.filter { $0 == .lastAdministrator }.count == 1)
            try await database.withStore { (store: SQLStore) async throws -> Void in
                let admins = try await store.members(customerNumber: "0123436").filter { $0.role == .admin }
                #expect(admins.count == 1)
                #expect(try await store.activateBusiness(customerNumber: "0123436", at: t0))
                #expect(try await store.activateBusiness(customerNumber: "0123436", at: t0) == false)
                let business = try await store.business(customerNumber: "0123436")
                #expect(business?.pinHash == nil && business?.activatedAt == t0, "activation retires the PIN")
                // A re-import keeps it retired.
                try await store.saveBusiness(Business(customerNumber: "0123436", name: "Pantbutiken AB", kind: .retailer,
                                                      registeredEmail: "panta@pantbutiken.se", pinHash: "$argon2id$new", createdAt: t0))
                #expect(try await store.business(customerNumber: "0123436")?.pinHash == nil)
                #expect(try await store.memberships(accountID: "acc-1").map(\.business.name) == ["Pantbutiken AB"])
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func activeMembershipsAreTheActivatedBusinessesOfTheAccountWithItsRoles(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                try await seed(store, accounts: 2)
                for (number, name) in [("0200001", "Returhallen"), ("0300001", "Bryggeriet")] {
                    try await store.saveBusiness(Business(
                        customerNumber: number, name: name, kind: .retailer, registeredEmail: "info@\(number).se", pinHash: nil, createdAt: t0))
                }
                #expect(try await store.activeMemberships(accountID: "acc-0").isEmpty, "no memberships")
                #expect(try await store.linkFirstAdministrator(customerNumber: "0300001", accountID: "acc-0", at: t0) == .linked)
                #expect(try await store.linkFirstAdministrator(customerNumber: "0123436", accountID: "acc-0", at: t0) == .linked)
                #expect(try await store.linkFirstAdministrator(customerNumber: "0200001", accountID: "acc-0", at: t0) == .linked)
                #expect(try await store.activeMemberships(accountID: "acc-0").isEmpty, "linked but none activated")
                #expect(try await store.activateBusiness(customerNumber: "0300001", at: t0))
                #expect(try await store.activateBusiness(customerNumber: "0123436", at: t0.addingTimeInterval(5)))
                try await store.createInvitation(
                    Invitation(id: "inv", customerNumber: "0300001", email: "p1@example.se", role: .user, invitedBy: "acc-0", createdAt: t0,
                               expiresAt: t0.addingTimeInterval(100)),
                    tokenDigest: [3])
                #expect(try await store.acceptInvitation(tokenDigest: [3], accountID: "acc-1", verifiedEmail: "p1@example.se", now: t0)
                    == .accepted(customerNumber: "0300001", role: .user))

                let active = try await store.activeMemberships(accountID: "acc-0")
                #expect(active.map(\.customerNumber) == ["0123436", "0300001"], "activated only, by customer number")
                #expect(active.map(\.role) == [.admin, .admin])
                #expect(active.first?.business.activatedAt == t0.addingTimeInterval(5) && active.first?.business.name == "Pantbutiken")
                #expect(try await store.memberships(accountID: "acc-0").count == 3, "memberships still lists every business")
                let other = try await store.activeMemberships(accountID: "acc-1")
                #expect(other.map(\.customerNumber) == ["0300001"] && other.map(\.role) == [.user], "another account's own role")
                #expect(try await store.activeMemberships(accountID: "acc-9").isEmpty, "an unknown account")
            }
        }
    }
}
