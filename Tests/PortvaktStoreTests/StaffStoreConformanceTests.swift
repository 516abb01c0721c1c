import Foundation
import PortvaktCore
import Testing

@testable import PortvaktStore

/// Staff roles and staff sessions' desk activity, on every backend.
@Suite struct StaffStoreConformanceTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func seed(_ store: SQLStore) async throws {
        for (id, email, given) in [("acc-b", "bertil@example.se", "Bertil"), ("acc-a", "anna@example.se", "Anna"), ("acc-c", "cecilia@example.se", "Cecilia")] {
            try await store.createAccount(Account(
                id: id, email: email, emailVerified: true, givenName: given, familyName: "Svensson", locale: nil, createdAt: t0))
        }
    }

    @Test(arguments: TestBackend.all)
    func rolesAreGrantedOnceListedAndRemovedWithTheirAudit(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                try await seed(store)
                #expect(try await store.staffRoles(accountID: "acc-a").isEmpty)
                #expect(try await store.staffMembers().isEmpty)
                #expect(try await store.grantStaffRole(.reviewer, accountID: "acc-a", actor: "cli", source: "cli:root", at: t0.addingTimeInterval(10)))
                #expect(try await !store.grantStaffRole(.reviewer, accountID: "acc-a", actor: "cli", source: "cli:root", at: t0.addingTimeInterval(20)), "already had it")
                #expect(try await store.grantStaffRole(.support, accountID: "acc-a", actor: "cli", source: "cli:root", at: t0.addingTimeInterval(30)))
                #expect(try await store.grantStaffRole(.support, accountID: "acc-b", actor: "cli", source: nil, at: t0))
                #expect(try await store.staffRoles(accountID: "acc-a") == [.reviewer, .support])
                #expect(try await store.staffRoles(accountID: "acc-b") == [.support])
                #expect(try await store.staffRoles(accountID: "acc-c").isEmpty)

                let members = try await store.staffMembers()
                #expect(members == [
                    StaffMember(accountID: "acc-a", email: "anna@example.se", name: "Anna Svensson", roles: [.reviewer, .support],
                                since: t0.addingTimeInterval(10)),
                    StaffMember(accountID: "acc-b", email: "bertil@example.se", name: "Bertil Svensson", roles: [.support], since: t0),
                ], "by e-mail, each with every role, since the first")

                #expect(try await store.removeStaff(accountID: "acc-a", actor: "cli", source: "cli:root", at: t0.addingTimeInterval(40)) == [.reviewer, .support])
                #expect(try await store.removeStaff(accountID: "acc-a", actor: "cli", source: "cli:root", at: t0.addingTimeInterval(50)).isEmpty, "none left")
                #expect(try await store.removeStaff(accountID: "acc-c", actor: "cli", source: "cli:root", at: t0).isEmpty)
                #expect(try await store.staffRoles(accountID: "acc-a").isEmpty)
                #expect(try await store.staffMembers().map(\.accountID) == ["acc-b"])

                let events = try await store.auditEvents(limit: 100, before: nil).reversed().filter { $0.action.hasPrefix("staff.") }
                #expect(events.map(\.action) == ["staff.role_granted", "staff.role_granted", "staff.role_granted", "staff.removed"],
                        "a role already held and nothing to remove leave no record")
                #expect(events.map(\.target) == ["account:acc-a", "account:acc-a", "account:acc-b", "account:acc-a"])
                #expect(events.allSatisfy { $0.actor == "cli" })
                #expect(events.map(\.source) == ["cli:root", "cli:root", nil, "cli:root"], "who ran the command, when given")
                #expect(events.map { $0.details["role"] ?? $0.details["roles"] } == ["reviewer", "support", "support", "reviewer,support"])
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func ofGrantsOfOneRoleAtOnceExactlyOneAddsItAndIsAudited(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { try await seed($0) }
            let added = try await database.withStores(4) { stores in
                try await withThrowingTaskGroup(of: Bool.self) { group in
                    for index in 0..<8 {
                        let store = stores[index % 4]
                        group.addTask { try await store.grantStaffRole(.reviewer, accountID: "acc-a", actor: "cli", source: "cli:root", at: self.t0) }
                    }
                    return try await group.reduce(into: [Bool]()) { $0.append($1) }
                }
            }
            #expect(added.filter { $0 }.count == 1)
            try await database.withStore { (store: SQLStore) async throws -> Void in
                #expect(try await store.staffRoles(accountID: "acc-a") == [.reviewer])
                #expect(try await store.auditEvents(limit: 100, before: nil).filter { $0.action == "staff.role_granted" }.count == 1)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func touchingAStaffSessionReturnsItsPreviousRequest(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                func touch(_ sid: String, _ seconds: TimeInterval, loggedIn: TimeInterval = 0) async throws -> Date? {
                    try await store.touchStaffSession(
                        sid: sid, loggedInAt: t0.addingTimeInterval(loggedIn), at: t0.addingTimeInterval(seconds), maximumIdle: 1800)
                }
                #expect(try await touch("sid-1", 0) == nil, "the first request")
                #expect(try await touch("sid-1", 60) == t0)
                #expect(try await touch("sid-1", 1860) == t0.addingTimeInterval(60), "exactly the limit")
                #expect(try await touch("sid-2", 1900, loggedIn: 1000) == nil, "each session its own")
                #expect(try await touch("sid-1", 1900) == t0.addingTimeInterval(1860))
                // Idle stays idle: a request after the limit is not noted, so the next one finds it idle too.
                #expect(try await touch("sid-1", 3701) == t0.addingTimeInterval(1900))
                #expect(try await touch("sid-1", 3702) == t0.addingTimeInterval(1900))
                // A first request more than the limit after the login is not noted either.
                #expect(try await touch("sid-3", 1801) == nil)
                #expect(try await touch("sid-3", 1802) == nil, "still the first")
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func concurrentRequestsToAnIdleSessionAllFindItIdle(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                #expect(try await store.touchStaffSession(sid: "sid-1", loggedInAt: t0, at: t0, maximumIdle: 1800) == nil)
                let later = t0.addingTimeInterval(3600)
                let previous = try await withThrowingTaskGroup(of: Date?.self) { group in
                    for _ in 0..<8 {
                        group.addTask { try await store.touchStaffSession(sid: "sid-1", loggedInAt: t0, at: later, maximumIdle: 1800) }
                    }
                    return try await group.reduce(into: [Date?]()) { $0.append($1) }
                }
                #expect(previous.count == 8 && previous.allSatisfy { $0 == t0 }, "every request sees the last desk request before the idle hour")
            }
        }
    }
}
