import Foundation
import PortvaktCore
import Testing

@testable import PortvaktStore

/// The one conformance suite every store backend must pass. Each test gets a fresh database.
@Suite struct StoreConformanceTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func key(_ kid: String, _ algorithm: SigningAlgorithm = .rs256, state: KeyState = .active) -> StoredSigningKey {
        StoredSigningKey(
            info: SigningKeyInfo(
                kid: kid, algorithm: algorithm, state: state, createdAt: t0, activatesAt: t0,
                activatedAt: state == .active ? t0 : nil),
            publicJWK: JWK(kty: "OKP", kid: kid, alg: algorithm, crv: "Ed25519", x: "AAAA"),
            sealedPrivateKey: [1, 2, 3, UInt8(kid.count)])
    }

    func transition(_ stored: StoredSigningKey, from: KeyState, to: KeyState) -> KeyTransition {
        var info = stored.info
        info.state = to
        if to == .retired {
            info.retiredAt = t0.addingTimeInterval(10)
            info.removableAt = t0.addingTimeInterval(700)
        }
        if to == .active { info.activatedAt = t0.addingTimeInterval(10) }
        if to == .removed { info.removedAt = t0.addingTimeInterval(800) }
        return KeyTransition(from: from, key: info)
    }

    // MARK: - Migrations

    @Test(arguments: TestBackend.all)
    func migrationsRunTwiceInARowApplyOnceThenNothing(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStores(1) { stores in
                let store = stores[0]
                #expect(try await store.pendingMigrations().count == Migrations.all.count)
                let first = try await store.migrate()
                let second = try await store.migrate()
                #expect(first.map(\.version) == Migrations.all.map(\.version))
                #expect(second.isEmpty)
                #expect(try await store.appliedMigrations().map(\.version) == Migrations.all.map(\.version))
                #expect(try await store.pendingMigrations().isEmpty)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func nodesMigratingAtOnceApplyEachMigrationOnce(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStores(4) { stores in
                let applied = try await withThrowingTaskGroup(of: [AppliedMigration].self) { group in
                    for store in stores { group.addTask { try await store.migrate() } }
                    return try await group.reduce(into: [AppliedMigration]()) { $0 += $1 }
                }
                #expect(applied.map(\.version).sorted() == Migrations.all.map(\.version))
                #expect(try await stores[0].appliedMigrations().count == Migrations.all.count)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func pingAnswers(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { try await $0.ping() }
        }
    }

    // MARK: - Signing keys

    @Test(arguments: TestBackend.all)
    func signingKeysRoundTripWithEveryField(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            var retired = key("k-retired", .es256, state: .retired)
            retired.info.retiredAt = t0.addingTimeInterval(5)
            retired.info.removableAt = t0.addingTimeInterval(6)
            retired.publicJWK = JWK(kty: "EC", kid: "k-retired", alg: .es256, crv: "P-256", x: "eA", y: "eQ")
            let keys = [key("k-active"), retired]
            try await database.withStore { store in
                try await store.applyKeyPlan(newKeys: keys, transitions: [], audit: [])
            }
            // Read back through a new connection: what was written is what is stored.
            let read = try await database.withStore { try await $0.signingKeys() }
            #expect(Set(read.map(\.info.kid)) == ["k-active", "k-retired"])
            for expected in keys {
                #expect(read.first { $0.info.kid == expected.info.kid } == expected)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func transitionsAreCompareAndSetAndAPlanIsAllOrNothing(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                let active = key("k1")
                try await store.applyKeyPlan(newKeys: [active], transitions: [], audit: [])
                // The second transition expects a state the key is not in: nothing of the plan may land.
                let error = await #expect(throws: StoreError.self) {
                    try await store.applyKeyPlan(
                        newKeys: [key("k2", state: .next)],
                        transitions: [transition(active, from: .next, to: .retired)],
                        audit: [AuditEvent(at: t0, actor: "test", action: "key.retired", target: "k1")])
                }
                #expect(error?.isConflict == true)
                let keys = try await store.signingKeys()
                #expect(keys.map(\.info.kid) == ["k1"])
                #expect(keys.first?.info.state == .active)
                #expect(try await store.auditEvents(limit: 10, before: nil).isEmpty)
            }
        }
    }

    /// `portvakt keys revoke KID --compromised`: the key goes, a successor takes over, and every grant that lived
    /// while the key signed ends in the same transaction, with its codes and refresh tokens; later grants stay.
    @Test(arguments: TestBackend.all)
    func revokingACompromisedKeyEndsTheGrantsItSignedForAtomically(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                let leaked = key("k1"), successor = key("k2", state: .next)
                try await store.applyKeyPlan(newKeys: [leaked, successor], transitions: [], audit: [])
                let revokedAt = t0.addingTimeInterval(100)
                func context(_ grant: String) -> GrantContext {
                    GrantContext(grantID: grant, clientID: "portal", subject: "acc-1", scopes: ["openid", "offline_access"], sid: "s1")
                }
                for (index, (grant, created)) in [("before", t0.addingTimeInterval(50)), ("after", revokedAt.addingTimeInterval(1))].enumerated() {
                    try await store.createGrant(Grant(id: grant, clientID: "portal", accountID: "acc-1", scopes: ["openid", "offline_access"],
                                                      sid: "s1", createdAt: created))
                    try await store.saveRefreshToken(digest: [UInt8(index + 1)], record: RefreshTokenRecord(
                        context: context(grant), createdAt: created, expiresAt: created.addingTimeInterval(10_000)))
                    try await store.saveCodeInSession(digest: [UInt8(index + 10)], record: AuthorizationCodeRecord(
                        context: context(grant), redirectURI: "https://p/cb", codeChallenge: "ch", createdAt: created,
                        expiresAt: created.addingTimeInterval(60)))
                }
                try await store.applyKeyPlan(
                    newKeys: [],
                    transitions: [transition(leaked, from: .active, to: .removed), transition(successor, from: .next, to: .active)],
                    audit: [AuditEvent(at: revokedAt, actor: "test", action: "key.compromised", target: "k1")],
                    endingGrants: (createdBefore: revokedAt, at: revokedAt))
                #expect(try await store.grant(id: "before")?.revokedAt == revokedAt, "offline_access does not save it")
                #expect(try await store.grant(id: "after")?.revokedAt == nil)
                let now = revokedAt.addingTimeInterval(5)
                #expect(try await store.rotateRefreshToken(digest: [1], successorDigest: [21], now: now) == .revoked(grantID: "before"))
                guard case .rotated = try await store.rotateRefreshToken(digest: [2], successorDigest: [22], now: now) else {
                    Issue.record("a grant made after the revocation was ended"); return
                }
                if case .redeemed = try await store.consumeCode(digest: [10], clientID: "portal", now: t0.addingTimeInterval(55)) {
                    Issue.record("the ended grant's unredeemed code was still redeemable")
                }
                guard case .redeemed = try await store.consumeCode(digest: [11], clientID: "portal", now: revokedAt.addingTimeInterval(5)) else {
                    Issue.record("a later grant's code was spent"); return
                }
                let keys = try await store.signingKeys()
                #expect(keys.first { $0.info.kid == "k1" }?.info.state == .removed && keys.first { $0.info.kid == "k2" }?.info.state == .active)
                #expect(try await store.auditEvents(limit: 10, before: nil).map(\.action) == ["key.compromised"])
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func theDatabaseRefusesTwoActiveOrTwoWaitingKeysOfOneAlgorithm(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                try await store.applyKeyPlan(newKeys: [key("k1"), key("k2", .es256)], transitions: [], audit: [])
                let error = await #expect(throws: StoreError.self) {
                    try await store.applyKeyPlan(newKeys: [key("k3")], transitions: [], audit: [])
                }
                #expect(error?.isConflict == true)
                let next = key("k4", state: .next)
                try await store.applyKeyPlan(newKeys: [next], transitions: [], audit: [])
                let promotion = await #expect(throws: StoreError.self) {
                    try await store.applyKeyPlan(newKeys: [], transitions: [transition(next, from: .next, to: .active)], audit: [])
                }
                #expect(promotion?.isConflict == true)
                let second = await #expect(throws: StoreError.self) {
                    try await store.applyKeyPlan(newKeys: [key("k5", state: .next)], transitions: [], audit: [])
                }
                #expect(second?.isConflict == true, "at most one waiting key per algorithm")
                #expect(try await store.signingKeys().filter { $0.info.state == .active }.map(\.info.kid).sorted() == ["k1", "k2"])
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func aKidIsNeverReused(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                try await store.applyKeyPlan(newKeys: [key("k1")], transitions: [], audit: [])
                let error = await #expect(throws: StoreError.self) {
                    try await store.applyKeyPlan(newKeys: [key("k1", .es256)], transitions: [], audit: [])
                }
                #expect(error?.isConflict == true)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func removingAKeyWipesItsPrivatePart(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                let next = key("k1", state: .next)
                try await store.applyKeyPlan(newKeys: [next], transitions: [], audit: [])
                try await store.applyKeyPlan(newKeys: [], transitions: [transition(next, from: .next, to: .removed)], audit: [])
                let stored = try #require(try await store.signingKeys().first)
                #expect(stored.info.state == .removed)
                #expect(stored.info.removedAt == t0.addingTimeInterval(800))
                #expect(stored.sealedPrivateKey == nil)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func nodesPromotingAtOnceLetExactlyOneWin(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            let old = key("old")
            let new = key("new", state: .next)
            try await database.withStore { try await $0.applyKeyPlan(newKeys: [old, new], transitions: [], audit: []) }
            try await database.withStores(4) { stores in
            let plan = [transition(old, from: .active, to: .retired), transition(new, from: .next, to: .active)]
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<8 {
                    let store = stores[index % stores.count]
                    group.addTask {
                        do {
                            try await store.applyKeyPlan(newKeys: [], transitions: plan, audit: [])
                            return true
                        } catch let error as StoreError where error.isConflict {
                            return false
                        } catch {
                            Issue.record("unexpected error: \(error)")
                            return false
                        }
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            let keys = try await stores[0].signingKeys()
            #expect(keys.first { $0.info.kid == "new" }?.info.state == .active)
            #expect(keys.first { $0.info.kid == "old" }?.info.state == .retired)
            }
        }
    }

    // MARK: - Audit log

    @Test(arguments: TestBackend.all)
    func auditEventsAreAppendedAndReadNewestFirstInPages(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                var recorded: [AuditEvent] = []
                for index in 0..<5 {
                    recorded.append(try await store.record(AuditEvent(
                        at: t0.addingTimeInterval(Double(index)), actor: "cli:root", action: "key.rotated",
                        target: index % 2 == 0 ? "k\(index)" : nil, source: index == 4 ? "192.0.2.7" : nil,
                        details: ["alg": "RS256", "n": "\(index)"])))
                }
                #expect(Set(recorded.compactMap(\.id)).count == 5)
                let newest = try await store.auditEvents(limit: 3, before: nil)
                #expect(newest == Array(recorded.reversed().prefix(3)))
                let older = try await store.auditEvents(limit: 10, before: newest.last?.id)
                #expect(older == Array(recorded.reversed().dropFirst(3)))
                #expect(try await store.auditEvents(limit: 0, before: nil).isEmpty)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func whatIsStoredSurvivesReopening(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { store in
                try await store.applyKeyPlan(newKeys: [key("k1")], transitions: [], audit: [])
                _ = try await store.record(AuditEvent(at: t0, actor: "system", action: "key.bootstrapped", target: "k1"))
            }
            try await database.withStore { store in
                let kids = try await store.signingKeys().map(\.info.kid)
                let targets = try await store.auditEvents(limit: 5, before: nil).map(\.target)
                #expect(kids == ["k1"])
                #expect(targets == ["k1"])
            }
        }
    }
}
