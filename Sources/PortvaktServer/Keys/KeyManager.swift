import Foundation
import Logging
import NIOPosix
import PortvaktCore
import PortvaktCrypto
import PortvaktStore

/// Carries out key lifecycle steps: asks the pure `KeyLifecycle` for a plan, makes and seals the new key
/// material, and has the store apply the plan atomically. Each applied step is written to the audit log.
public struct KeyManager: Sendable {
    public typealias Store = SigningKeyStore & AuditLog

    let store: any Store
    let sealer: KeySealer
    public let lifecycle: KeyLifecycle

    public init(store: any Store, sealer: KeySealer, policy: KeyPolicy) {
        self.store = store
        self.sealer = sealer
        self.lifecycle = KeyLifecycle(policy: policy)
    }

    /// Every key, for listing.
    public func keys() async throws -> [SigningKeyInfo] {
        try await store.signingKeys().map(\.info)
    }

    /// Creates an active key for each algorithm that has none. Run at every start; does nothing when all exist.
    @discardableResult
    public func bootstrap(algorithms: [SigningAlgorithm], now: Date, actor: String) async throws -> KeyPlan {
        try await execute(actor: actor, action: "key.bootstrapped", now: now) { keys in
            lifecycle.bootstrap(algorithms: algorithms, keys: keys, now: now, newKid: KeyID.generate)
        }
    }

    public func generate(_ algorithm: SigningAlgorithm, now: Date, actor: String) async throws -> KeyPlan {
        try await execute(actor: actor, action: "key.generated", now: now) { keys throws(KeyLifecycleError) in
            try lifecycle.generate(algorithm, keys: keys, now: now, newKid: KeyID.generate(algorithm))
        }
    }

    public func rotate(_ algorithm: SigningAlgorithm, now: Date, actor: String) async throws -> KeyPlan {
        try await execute(actor: actor, action: "key.rotated", now: now) { keys throws(KeyLifecycleError) in
            try lifecycle.rotate(algorithm, keys: keys, now: now, newKid: KeyID.generate(algorithm))
        }
    }

    public func retire(_ kid: String, now: Date, actor: String) async throws -> KeyPlan {
        try await execute(actor: actor, action: "key.retired", now: now) { keys throws(KeyLifecycleError) in
            try lifecycle.retire(kid, keys: keys, now: now)
        }
    }

    public func remove(_ kid: String, now: Date, actor: String) async throws -> KeyPlan {
        try await execute(actor: actor, action: "key.removed", now: now) { keys throws(KeyLifecycleError) in
            try lifecycle.remove(kid, keys: keys, now: now)
        }
    }

    /// Revokes a compromised key at once (`KeyLifecycle.revokeCompromised`): its successor signs, it leaves the
    /// JWKS, and the grants that lived while it signed end, all in one transaction, audited as `key.compromised`.
    public func revokeCompromised(_ kid: String, now: Date, actor: String) async throws -> KeyPlan {
        // The successor's kid names its algorithm; an unknown kid is refused by the lifecycle before it is used.
        let algorithm = try await store.signingKeys().first { $0.info.kid == kid }?.info.algorithm ?? .rs256
        return try await execute(actor: actor, action: "key.compromised", now: now) { keys throws(KeyLifecycleError) in
            try lifecycle.revokeCompromised(kid, keys: keys, now: now, newKid: KeyID.generate(algorithm))
        }
    }

    /// Promotes pre-published keys whose time has come. Every node runs this on each refresh; when several
    /// race, one wins and the others find the work done.
    @discardableResult
    public func promoteDue(now: Date) async throws -> KeyPlan {
        do {
            return try await execute(actor: "system", action: "key.promoted", now: now) { keys in
                lifecycle.duePromotions(keys: keys, now: now)
            }
        } catch let error as StoreError where error.isConflict {
            return KeyPlan()
        }
    }

    private func execute(
        actor: String, action: String, now: Date, plan makePlan: ([SigningKeyInfo]) throws(KeyLifecycleError) -> KeyPlan
    ) async throws -> KeyPlan {
        let stored = try await store.signingKeys()
        let plan = try makePlan(stored.map(\.info))
        guard !plan.isEmpty else { return plan }
        if !plan.newKeys.isEmpty {
            try verifyKEK(against: stored)
        }
        var newKeys: [StoredSigningKey] = []
        for info in plan.newKeys {
            // RSA key generation takes a good part of a second: keep it off the cooperative thread pool.
            let material = try await NIOThreadPool.singleton.runIfActive { try SigningKeyMaterial.generate(info.algorithm) }
            newKeys.append(StoredSigningKey(
                info: info, publicJWK: try material.publicJWK(kid: info.kid),
                sealedPrivateKey: try sealer.seal(material, kid: info.kid)))
        }
        let audit = plan.newKeys.map { key in
            AuditEvent(
                at: now, actor: actor, action: action, target: key.kid,
                details: ["alg": key.algorithm.rawValue, "state": key.state.rawValue, "activates_at": Timestamp.iso(key.activatesAt)])
        } + plan.transitions.map { transition in
            AuditEvent(
                at: now, actor: actor, action: action, target: transition.key.kid,
                details: ["alg": transition.key.algorithm.rawValue, "from": transition.from.rawValue, "to": transition.key.state.rawValue])
        }
        let endsGrants = plan.endGrantsCreatedBefore.map { before in
            [AuditEvent(at: now, actor: actor, action: "grants.ended", target: nil, details: ["reason": action, "created_before": Timestamp.iso(before)])]
        } ?? []
        try await store.applyKeyPlan(
            newKeys: newKeys, transitions: plan.transitions, audit: audit + endsGrants,
            endingGrants: plan.endGrantsCreatedBefore.map { (createdBefore: $0, at: now) })
        return plan
    }

    /// Keys sealed under another KEK would be keys no node can open: refuse before writing any.
    private func verifyKEK(against stored: [StoredSigningKey]) throws {
        guard let sample = stored.first(where: { $0.sealedPrivateKey != nil }), let sealed = sample.sealedPrivateKey else { return }
        _ = try sealer.open(sealed, kid: sample.info.kid, algorithm: sample.info.algorithm)
    }
}
