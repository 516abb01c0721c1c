import Foundation
import PortvaktCore
import Testing

@testable import PortvaktStore

/// The one claim every limit uses, on every backend: decided and counted in one step, per key, across nodes.
@Suite struct RateLimitStoreConformanceTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let budgetOfFive = RateLimit.budget("test:budget", keyedBy: "test", window: 3600, 5, effect: "refused")

    /// 20 claims at once from 4 nodes: exactly the budget is allowed and counted, each saw all the counted uses
    /// before it, and the refused ones counted nothing.
    @Test(arguments: TestBackend.all)
    func concurrentClaimsAllowExactlyTheBudget(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { _ in }  // migrated before the stores race
            let limit = budgetOfFive, key = budgetOfFive.key("a")
            let claims = try await database.withStores(4) { stores in
                try await withThrowingTaskGroup(of: RateLimitClaim.self) { group in
                    for index in 0..<20 {
                        let store = stores[index % 4]
                        group.addTask { try await store.claim(key: key, limit: limit, now: self.t0) }
                    }
                    return try await group.reduce(into: [RateLimitClaim]()) { $0.append($1) }
                }
            }
            let allowed = claims.filter(\.isAllowed)
            #expect(allowed.count == 5 && allowed.allSatisfy { $0.useID != nil })
            #expect(Set(allowed.map(\.usesBefore)) == Set(0..<5), "each allowed claim saw every use before it")
            #expect(claims.filter { !$0.isAllowed }.allSatisfy { $0.useID == nil && $0.decision == .refused(until: t0.addingTimeInterval(3600)) })
            try await database.withStore { (store: SQLStore) async throws -> Void in
                try await store.release(try #require(allowed.first?.useID))
                #expect(try await store.claim(key: key, limit: limit, now: t0).isAllowed, "a released use frees its place")
                #expect(try await store.claim(key: limit.key("b"), limit: limit, now: t0).usesBefore == 0, "keys are separate")
                #expect(try await store.claim(key: key, limit: limit, now: t0.addingTimeInterval(3600)).usesBefore == 0, "the window passes")
            }
        }
    }

    /// A ceiling claimed without enforcement counts its uses up to twice its budget in the window, and stores no row
    /// past that: nobody can grow the store through a key they are not stopped at (issue 21).
    @Test(arguments: TestBackend.all)
    func anUnenforcedCeilingStoresNoRowPastTwiceItsBudget(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                let key = budgetOfFive.key("ceiling")
                var claims: [RateLimitClaim] = []
                for index in 0..<25 {
                    claims.append(try await store.claim(key: key, limit: budgetOfFive, now: t0.addingTimeInterval(Double(index)), enforce: false))
                }
                #expect(claims.map(\.usesBefore) == Array(0..<10) + Array(repeating: 10, count: 15), "\(claims.map(\.usesBefore))")
                #expect(claims.dropFirst(10).allSatisfy { $0.useID == nil && !$0.isAllowed }, "past twice the budget: refused and not stored")
                #expect(claims[5..<10].allSatisfy { $0.useID != nil && !$0.isAllowed }, "up to it: counted, though refused")
                // Enforced, the key is still refused as it was.
                #expect(!(try await store.claim(key: key, limit: budgetOfFive, now: t0.addingTimeInterval(30))).isAllowed)
            }
        }
    }

    /// A slowing limit: a refused-for-wait claim is not counted, so hammering during the wait costs the
    /// hammerer nothing more and the wait does not grow from it.
    @Test(arguments: TestBackend.all)
    func aClaimRefusedForAWaitIsNotCounted(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                let limit = RateLimit.slowing("test:slow", keyedBy: "test", window: 3600, free: 2, maximumDelay: 60, effect: "slowed")
                let key = limit.key("k")
                for _ in 0..<3 { #expect(try await store.claim(key: key, limit: limit, now: t0).isAllowed) }
                for _ in 0..<10 {
                    let waiting = try await store.claim(key: key, limit: limit, now: t0)
                    #expect(waiting.decision == .wait(until: t0.addingTimeInterval(1)) && waiting.useID == nil && waiting.usesBefore == 3)
                }
                let later = try await store.claim(key: key, limit: limit, now: t0.addingTimeInterval(1))
                #expect(later.isAllowed && later.usesBefore == 3)
            }
        }
    }

    /// `enforce: false` counts the use whatever the decision, and still reports it; `clear` forgets a key.
    @Test(arguments: TestBackend.all)
    func anUnenforcedClaimIsCountedAndClearForgetsTheKey(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                let limit = RateLimit.budget("test:ceiling", keyedBy: "test", window: 60, 1, effect: "refused")
                let key = limit.key("Business-1")
                #expect(try await store.claim(key: key, limit: limit, now: t0).isAllowed)
                let over = try await store.claim(key: key, limit: limit, now: t0, enforce: false)
                #expect(over.decision == .refused(until: t0.addingTimeInterval(60)) && over.useID != nil)
                #expect(try await store.claim(key: limit.key("business-1"), limit: limit, now: t0).usesBefore == 2, "keys ignore case")
                try await store.clear(key: key)
                #expect(try await store.claim(key: key, limit: limit, now: t0).isAllowed)
            }
        }
    }
}
