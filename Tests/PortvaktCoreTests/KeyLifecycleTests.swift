import Foundation
import Testing

@testable import PortvaktCore

/// The key lifecycle as a state machine, driven with `now` passed in: no sleeps, no store.
@Suite struct KeyLifecycleTests {
    let policy = KeyPolicy(jwksMaxAge: 3600, refreshInterval: 10, maxTokenLifetime: 600, clockSkew: 60)
    var lifecycle: KeyLifecycle { KeyLifecycle(policy: policy) }
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    /// Applies a plan to an in-memory key list, as the store would: new keys first, then the transitions in order.
    func apply(_ plan: KeyPlan, to keys: [SigningKeyInfo]) -> [SigningKeyInfo] {
        var result = keys + plan.newKeys
        for transition in plan.transitions {
            guard let index = result.firstIndex(where: { $0.kid == transition.key.kid }) else {
                Issue.record("the plan changes \(transition.key.kid), which is not stored")
                continue
            }
            #expect(result[index].state == transition.from)
            result[index] = transition.key
        }
        return result
    }

    func bootstrapped() -> [SigningKeyInfo] {
        apply(lifecycle.bootstrap(algorithms: [.rs256, .es256], keys: [], now: t0) { "\($0.rawValue)-1" }, to: [])
    }

    @Test func firstStartCreatesOneActiveKeyPerConfiguredAlgorithm() {
        let keys = bootstrapped()
        #expect(keys.map(\.kid).sorted() == ["ES256-1", "RS256-1"])
        #expect(keys.allSatisfy { $0.state == .active && $0.activatedAt == t0 })
    }

    @Test func bootstrapOnAStoreWithKeysDoesNothing() {
        let plan = lifecycle.bootstrap(algorithms: [.rs256, .es256], keys: bootstrapped(), now: t0) { _ in "unused" }
        #expect(plan.isEmpty)
    }

    @Test func aNewlyConfiguredAlgorithmWaitsForCachesLikeAnyNewKey() {
        let plan = lifecycle.bootstrap(algorithms: [.rs256, .es256, .eddsa], keys: bootstrapped(), now: t0) { "\($0.rawValue)-2" }
        #expect(plan.newKeys.map(\.kid) == ["EdDSA-2"])
        #expect(plan.newKeys.first?.state == .next)
        #expect(plan.newKeys.first?.activatesAt == t0.addingTimeInterval(3610))
    }

    @Test func generateForAnAlgorithmWithoutKeysOnAPublishedStoreAlsoWaits() throws {
        let plan = try lifecycle.generate(.eddsa, keys: bootstrapped(), now: t0, newKid: "EdDSA-2")
        #expect(plan.newKeys.first?.state == .next)
        let due = lifecycle.duePromotions(keys: apply(plan, to: bootstrapped()), now: t0.addingTimeInterval(3610))
        #expect(due.transitions.map(\.key.kid) == ["EdDSA-2"])
    }

    @Test func theNodesOwnPolicyBoundsActivationAndRemoval() throws {
        // A key pre-published by a step that ran with a short cache lifetime...
        let short = KeyLifecycle(policy: KeyPolicy(jwksMaxAge: 60, refreshInterval: 10, maxTokenLifetime: 60, clockSkew: 0))
        let keys = apply(try short.generate(.rs256, keys: bootstrapped(), now: t0, newKid: "RS256-2"), to: bootstrapped())
        // ...does not sign early on a node whose relying parties cache the JWKS for an hour.
        #expect(lifecycle.duePromotions(keys: keys, now: t0.addingTimeInterval(70)).isEmpty)
        #expect(throws: KeyLifecycleError.self) { try lifecycle.activate("RS256-2", keys: keys, now: t0.addingTimeInterval(70)) }
        let rotated = apply(try short.activate("RS256-2", keys: keys, now: t0.addingTimeInterval(70)), to: keys)
        let error = #expect(throws: KeyLifecycleError.self) {
            try lifecycle.remove("RS256-1", keys: rotated, now: t0.addingTimeInterval(70 + 130))
        }
        #expect(error?.earliest == t0.addingTimeInterval(70 + 10 + 600 + 60))
    }

    @Test func generateWithAnActiveKeyPrePublishesForTheCacheLifetimePlusOneRefresh() throws {
        let plan = try lifecycle.generate(.rs256, keys: bootstrapped(), now: t0, newKid: "RS256-2")
        let key = try #require(plan.newKeys.first)
        #expect(key.state == .next)
        #expect(key.activatesAt == t0.addingTimeInterval(3600 + 10))
        #expect(plan.transitions.isEmpty)
        #expect(plan.pending == key)
    }

    @Test func generateIsRefusedWhileAnotherKeyOfTheAlgorithmWaits() throws {
        let keys = apply(try lifecycle.generate(.rs256, keys: bootstrapped(), now: t0, newKid: "RS256-2"), to: bootstrapped())
        let error = #expect(throws: KeyLifecycleError.self) {
            try lifecycle.generate(.rs256, keys: keys, now: t0, newKid: "RS256-3")
        }
        #expect(error?.code == .pendingKeyExists)
        #expect(error?.message.contains("RS256-2") == true)
    }

    @Test func rotateBeforeTheKeyIsDueChangesNothingAndSaysWhen() throws {
        let keys = apply(try lifecycle.rotate(.rs256, keys: bootstrapped(), now: t0, newKid: "RS256-2"), to: bootstrapped())
        let plan = try lifecycle.rotate(.rs256, keys: keys, now: t0.addingTimeInterval(60), newKid: "RS256-3")
        #expect(plan.isEmpty)
        #expect(plan.pending?.kid == "RS256-2")
        #expect(plan.pending?.activatesAt == t0.addingTimeInterval(3610))
    }

    @Test func rotateOnceDuePromotesTheNextKeyAndRetiresTheOld() throws {
        let keys = apply(try lifecycle.rotate(.rs256, keys: bootstrapped(), now: t0, newKid: "RS256-2"), to: bootstrapped())
        let later = t0.addingTimeInterval(3610)
        let after = apply(try lifecycle.rotate(.rs256, keys: keys, now: later, newKid: "RS256-3"), to: keys)
        let old = try #require(after.first { $0.kid == "RS256-1" })
        let new = try #require(after.first { $0.kid == "RS256-2" })
        #expect(old.state == .retired && old.retiredAt == later)
        #expect(old.removableAt == later.addingTimeInterval(10 + 600 + 60))
        #expect(new.state == .active && new.activatedAt == later)
        #expect(after.filter { $0.algorithm == .rs256 && $0.state == .active }.count == 1)
    }

    @Test func activatingTooEarlyIsRefused() throws {
        let keys = apply(try lifecycle.generate(.es256, keys: bootstrapped(), now: t0, newKid: "ES256-2"), to: bootstrapped())
        let error = #expect(throws: KeyLifecycleError.self) {
            try lifecycle.activate("ES256-2", keys: keys, now: t0.addingTimeInterval(3609))
        }
        #expect(error?.code == .tooEarlyToActivate)
        #expect(error?.earliest == t0.addingTimeInterval(3610))
    }

    @Test func retiringTheOnlySigningKeyIsRefused() {
        let error = #expect(throws: KeyLifecycleError.self) {
            try lifecycle.retire("RS256-1", keys: bootstrapped(), now: t0)
        }
        #expect(error?.code == .noSuccessor)
    }

    @Test func retiringBeforeTheSuccessorMaySignIsRefused() throws {
        let keys = apply(try lifecycle.generate(.rs256, keys: bootstrapped(), now: t0, newKid: "RS256-2"), to: bootstrapped())
        let error = #expect(throws: KeyLifecycleError.self) {
            try lifecycle.retire("RS256-1", keys: keys, now: t0.addingTimeInterval(100))
        }
        #expect(error?.code == .tooEarlyToActivate)
    }

    @Test func retiringTheActiveKeyHandsOverToADueSuccessor() throws {
        let keys = apply(try lifecycle.generate(.rs256, keys: bootstrapped(), now: t0, newKid: "RS256-2"), to: bootstrapped())
        let plan = try lifecycle.retire("RS256-1", keys: keys, now: t0.addingTimeInterval(4000))
        #expect(plan.transitions.map(\.key.kid) == ["RS256-1", "RS256-2"])
        #expect(plan.transitions.map(\.key.state) == [.retired, .active])
    }

    @Test func retiringANextKeyMakesItRemovableAtOnce() throws {
        let keys = apply(try lifecycle.generate(.rs256, keys: bootstrapped(), now: t0, newKid: "RS256-2"), to: bootstrapped())
        let retired = apply(try lifecycle.retire("RS256-2", keys: keys, now: t0), to: keys)
        #expect(retired.first { $0.kid == "RS256-2" }?.removableAt == t0)
        #expect(throws: Never.self) { try lifecycle.remove("RS256-2", keys: retired, now: t0) }
    }

    @Test func removingTheActiveKeyIsRefused() {
        let error = #expect(throws: KeyLifecycleError.self) {
            try lifecycle.remove("RS256-1", keys: bootstrapped(), now: t0)
        }
        #expect(error?.code == .activeKeyMustBeRetiredFirst)
    }

    @Test func removingTooEarlyIsRefusedUntilEveryTokenItSignedHasExpired() throws {
        let keys = apply(try lifecycle.generate(.rs256, keys: bootstrapped(), now: t0, newKid: "RS256-2"), to: bootstrapped())
        let retiredAt = t0.addingTimeInterval(3610)
        let rotated = apply(try lifecycle.activate("RS256-2", keys: keys, now: retiredAt), to: keys)
        let error = #expect(throws: KeyLifecycleError.self) {
            try lifecycle.remove("RS256-1", keys: rotated, now: retiredAt.addingTimeInterval(669))
        }
        #expect(error?.code == .tooEarlyToRemove)
        #expect(error?.earliest == retiredAt.addingTimeInterval(670))
        let removed = apply(try lifecycle.remove("RS256-1", keys: rotated, now: retiredAt.addingTimeInterval(670)), to: rotated)
        let key = try #require(removed.first { $0.kid == "RS256-1" })
        #expect(key.state == .removed && !key.state.isPublished)
    }

    @Test func aRemovedKeyCannotComeBack() throws {
        let keys = apply(try lifecycle.generate(.rs256, keys: bootstrapped(), now: t0, newKid: "RS256-2"), to: bootstrapped())
        let removed = apply(try lifecycle.remove("RS256-2", keys: keys, now: t0), to: keys)
        #expect(throws: KeyLifecycleError.self) { try lifecycle.remove("RS256-2", keys: removed, now: t0) }
        #expect(throws: KeyLifecycleError.self) { try lifecycle.retire("RS256-2", keys: removed, now: t0) }
        #expect(throws: KeyLifecycleError.self) {
            try lifecycle.activate("RS256-2", keys: removed, now: t0.addingTimeInterval(99_999))
        }
    }

    @Test func unknownKidIsRefused() {
        let error = #expect(throws: KeyLifecycleError.self) { try lifecycle.retire("nope", keys: bootstrapped(), now: t0) }
        #expect(error?.code == .unknownKey)
    }

    @Test func duePromotionsPromoteOnlyKeysWhoseTimeHasCome() throws {
        var keys = apply(try lifecycle.generate(.rs256, keys: bootstrapped(), now: t0, newKid: "RS256-2"), to: bootstrapped())
        keys = apply(try lifecycle.generate(.es256, keys: keys, now: t0.addingTimeInterval(1000), newKid: "ES256-2"), to: keys)
        #expect(lifecycle.duePromotions(keys: keys, now: t0.addingTimeInterval(3609)).isEmpty)
        let plan = lifecycle.duePromotions(keys: keys, now: t0.addingTimeInterval(3610))
        #expect(plan.transitions.map(\.key.kid) == ["RS256-1", "RS256-2"])
    }

    /// Walks many random steps and checks the invariants after each: at most one active key per algorithm,
    /// never an active key that signs before its publication delay, never a removed key whose tokens may live.
    @Test func invariantsHoldOverRandomWalks() throws {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<50 {
            var now = t0
            var keys = bootstrapped()
            var counter = 10
            for _ in 0..<60 {
                now = now.addingTimeInterval(Double(generator.next() % 3000))
                let algorithm: SigningAlgorithm = generator.next() % 2 == 0 ? .rs256 : .es256
                let kid = keys.randomElement(using: &generator)?.kid ?? "none"
                counter += 1
                let plan: KeyPlan?
                switch generator.next() % 5 {
                case 0: plan = try? lifecycle.generate(algorithm, keys: keys, now: now, newKid: "k\(counter)")
                case 1: plan = try? lifecycle.rotate(algorithm, keys: keys, now: now, newKid: "k\(counter)")
                case 2: plan = try? lifecycle.retire(kid, keys: keys, now: now)
                case 3: plan = try? lifecycle.remove(kid, keys: keys, now: now)
                default: plan = lifecycle.duePromotions(keys: keys, now: now)
                }
                if let plan {
                    for transition in plan.transitions where transition.key.state == .active {
                        let before = try #require(keys.first { $0.kid == transition.key.kid })
                        #expect(before.state == .next)
                        #expect(before.activatesAt <= now, "a key signed before every JWKS cache could hold it")
                    }
                    for transition in plan.transitions where transition.key.state == .removed {
                        let before = try #require(keys.first { $0.kid == transition.key.kid })
                        #expect(before.state != .active)
                        if before.state == .retired { #expect(before.removableAt! <= now) }
                    }
                    keys = apply(plan, to: keys)
                }
                for algorithm in [SigningAlgorithm.rs256, .es256] {
                    #expect(keys.filter { $0.algorithm == algorithm && $0.state == .active }.count == 1)
                    #expect(keys.filter { $0.algorithm == algorithm && $0.state == .next }.count <= 1)
                }
            }
        }
    }

    // MARK: - A compromised key

    @Test func revokingTheCompromisedActiveKeyPromotesTheWaitingSuccessorAtOnceAndEndsTheGrants() throws {
        let keys = apply(try lifecycle.generate(.rs256, keys: bootstrapped(), now: t0, newKid: "RS256-2"), to: bootstrapped())
        let now = t0.addingTimeInterval(60)  // long before the successor would normally sign
        let plan = try lifecycle.revokeCompromised("RS256-1", keys: keys, now: now, newKid: "unused")
        #expect(plan.newKeys.isEmpty)
        #expect(plan.transitions.map(\.from) == [.active, .next])
        #expect(plan.transitions.map(\.key.kid) == ["RS256-1", "RS256-2"])
        #expect(plan.transitions.map(\.key.state) == [.removed, .active])
        #expect(plan.transitions[0].key.removedAt == now && plan.transitions[1].key.activatedAt == now)
        #expect(plan.endGrantsCreatedBefore == now)
        let after = apply(plan, to: keys)
        #expect(lifecycle.active(.rs256, in: after)?.kid == "RS256-2")
        #expect(after.filter { $0.algorithm == .rs256 && $0.state == .active }.count == 1)
    }

    @Test func revokingTheOnlyKeyOfAnAlgorithmGeneratesASuccessorThatSignsAtOnce() throws {
        let plan = try lifecycle.revokeCompromised("ES256-1", keys: bootstrapped(), now: t0, newKid: "ES256-2")
        // Inserted as `next` and promoted after the old key is gone: never two active keys, even mid-transaction.
        #expect(plan.newKeys.map(\.kid) == ["ES256-2"] && plan.newKeys.first?.state == .next)
        #expect(plan.transitions.map(\.key.kid) == ["ES256-1", "ES256-2"])
        #expect(plan.transitions.map(\.key.state) == [.removed, .active])
        #expect(plan.endGrantsCreatedBefore == t0)
        #expect(lifecycle.active(.es256, in: apply(plan, to: bootstrapped()))?.kid == "ES256-2")
    }

    @Test func revokingARetiredKeyEndsTheGrantsOfItsTimeAndANextKeyEndsNone() throws {
        let generated = apply(try lifecycle.generate(.rs256, keys: bootstrapped(), now: t0, newKid: "RS256-2"), to: bootstrapped())
        let retiredAt = t0.addingTimeInterval(3610)
        let rotated = apply(try lifecycle.activate("RS256-2", keys: generated, now: retiredAt), to: generated)
        let later = retiredAt.addingTimeInterval(100)
        let retired = try lifecycle.revokeCompromised("RS256-1", keys: rotated, now: later, newKid: "unused")
        #expect(retired.transitions.map(\.from) == [.retired] && retired.transitions.first?.key.state == .removed)
        #expect(retired.endGrantsCreatedBefore == retiredAt)
        #expect(retired.newKeys.isEmpty)

        let waiting = try lifecycle.revokeCompromised("RS256-2", keys: generated, now: t0.addingTimeInterval(5), newKid: "unused")
        #expect(waiting.transitions.map(\.from) == [.next] && waiting.endGrantsCreatedBefore == nil)
    }

    @Test func aRemovedOrUnknownKeyCannotBeRevoked() throws {
        let revoked = apply(try lifecycle.revokeCompromised("ES256-1", keys: bootstrapped(), now: t0, newKid: "ES256-2"), to: bootstrapped())
        #expect(throws: KeyLifecycleError.self) { try lifecycle.revokeCompromised("ES256-1", keys: revoked, now: t0, newKid: "x") }
        let unknown = #expect(throws: KeyLifecycleError.self) { try lifecycle.revokeCompromised("nope", keys: revoked, now: t0, newKid: "x") }
        #expect(unknown?.code == .unknownKey)
    }
}

/// A small seeded generator, so the random walk is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
