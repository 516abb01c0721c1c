import Foundation
import PortvaktCore
import Testing

@testable import PortvaktStore

/// The denylist of revoked grantless access tokens: a denial is atomic and idempotent, seen by every node, and
/// purged once the token has expired.
@Suite struct TokenDenylistConformanceTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: TestBackend.all)
    func aDenialIsSeenByEveryNodeAndCountedOnce(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { _ in }
            let expiry = t0.addingTimeInterval(600)
            let outcomes = try await database.withStores(4) { stores in
                try await withThrowingTaskGroup(of: Bool.self) { group in
                    for index in 0..<8 {
                        let store = stores[index % 4]
                        group.addTask { try await store.denyToken(jti: "jti-1", expiresAt: expiry) }
                    }
                    return try await group.reduce(into: [Bool]()) { $0.append($1) }
                }
            }
            #expect(outcomes.filter { $0 }.count == 1, "exactly one of eight concurrent denials writes the row")
            try await database.withStores(2) { (stores: [SQLStore]) async throws -> Void in
                for store in stores {
                    #expect(try await store.isTokenDenied(jti: "jti-1"))
                    #expect(try await store.isTokenDenied(jti: "jti-2") == false)
                }
                #expect(try await stores[1].denyToken(jti: "jti-1", expiresAt: expiry) == false, "a later denial changes nothing")
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func aDenialIsPurgedOnlyAfterTheTokenExpired(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                var retention = Retention(refreshTokenLifetime: 86_400)
                retention.batchSize = 2
                for index in 0..<3 { try await store.denyToken(jti: "old-\(index)", expiresAt: t0.addingTimeInterval(Double(index))) }
                try await store.denyToken(jti: "alive", expiresAt: t0.addingTimeInterval(600))
                // Before the clock margin has passed, nothing goes.
                #expect(try await store.purgeRetained(retention, now: t0.addingTimeInterval(retention.deniedToken - 1)) == 0)
                #expect(try await store.isTokenDenied(jti: "old-0"))
                let now = t0.addingTimeInterval(retention.deniedToken + 10)
                #expect(try await store.purgeRetained(retention, now: now) == 2, "one batch of two")
                #expect(try await store.purgeRetained(retention, now: now) == 1)
                #expect(try await store.purgeRetained(retention, now: now) == 0)
                for index in 0..<3 { #expect(try await store.isTokenDenied(jti: "old-\(index)") == false) }
                #expect(try await store.isTokenDenied(jti: "alive"), "a token that may still be presented stays denied")
            }
        }
    }
}
