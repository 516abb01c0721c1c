import Foundation

/// The key lifecycle as a pure state machine: given the stored keys and `now`, each step returns a plan
/// or refuses with a `KeyLifecycleError`. The store applies plans atomically.
///
/// Rules: exactly one active key per algorithm; a key signs only after it has been published for a
/// whole JWKS cache lifetime; a retired key stays published until every token it signed has expired.
public struct KeyLifecycle: Sendable {
    public var policy: KeyPolicy

    public init(policy: KeyPolicy) {
        self.policy = policy
    }

    /// Every configured algorithm without a key gets one. On a store that has never published a key (the
    /// very first start) the keys are active at once: nothing was ever signed, so no relying party holds a
    /// JWKS that lacks them. Later, a newly configured algorithm's key is published as `next` and signs once
    /// every cached JWKS has it.
    public func bootstrap(
        algorithms: [SigningAlgorithm], keys: [SigningKeyInfo], now: Date, newKid: (SigningAlgorithm) -> String
    ) -> KeyPlan {
        var plan = KeyPlan()
        let fresh = isFresh(keys)
        for algorithm in algorithms where active(algorithm, in: keys) == nil && pending(algorithm, in: keys) == nil {
            plan.newKeys.append(newKey(algorithm, kid: newKid(algorithm), state: fresh ? .active : .next, now: now))
        }
        return plan
    }

    /// Adds a key: published as `next` and promoted automatically once it is safe (active at once only on a
    /// store that has never published a key). Refused while another key of that algorithm is waiting.
    public func generate(_ algorithm: SigningAlgorithm, keys: [SigningKeyInfo], now: Date, newKid: String) throws(KeyLifecycleError) -> KeyPlan {
        if let waiting = pending(algorithm, in: keys) {
            throw .pendingKeyExists(waiting)
        }
        if isFresh(keys) {
            return KeyPlan(newKeys: [newKey(algorithm, kid: newKid, state: .active, now: now)])
        }
        let key = newKey(algorithm, kid: newKid, state: .next, now: now)
        return KeyPlan(newKeys: [key], pending: key)
    }

    /// Whether no key was ever published: only then may a key sign without waiting for caches.
    private func isFresh(_ keys: [SigningKeyInfo]) -> Bool {
        keys.isEmpty
    }

    /// The earliest a `next` key may sign: its recorded time, and never before this node's own policy allows
    /// (the step that created it may have run with another configuration).
    public func earliestActivation(_ key: SigningKeyInfo) -> Date {
        max(key.activatesAt, key.createdAt.addingTimeInterval(policy.publicationDelay))
    }

    /// The earliest a retired key may leave the JWKS, by its record and by this node's own policy.
    public func earliestRemoval(_ key: SigningKeyInfo) -> Date {
        guard let retiredAt = key.retiredAt else { return key.removableAt ?? .distantFuture }
        guard key.activatedAt != nil else { return key.removableAt ?? retiredAt }  // never signed anything
        return max(key.removableAt ?? retiredAt, retiredAt.addingTimeInterval(policy.retirementHorizon))
    }

    /// Moves rotation one step: promotes a waiting key whose time has come, reports one whose time has
    /// not, or pre-publishes a new one.
    public func rotate(_ algorithm: SigningAlgorithm, keys: [SigningKeyInfo], now: Date, newKid: String) throws(KeyLifecycleError) -> KeyPlan {
        if let waiting = pending(algorithm, in: keys) {
            if earliestActivation(waiting) <= now {
                return try activate(waiting.kid, keys: keys, now: now)
            }
            var reported = waiting
            reported.activatesAt = earliestActivation(waiting)
            return KeyPlan(pending: reported)
        }
        return try generate(algorithm, keys: keys, now: now, newKid: newKid)
    }

    /// Promotes a `next` key to `active`, retiring the key it replaces.
    public func activate(_ kid: String, keys: [SigningKeyInfo], now: Date) throws(KeyLifecycleError) -> KeyPlan {
        let key = try find(kid, in: keys)
        guard key.state == .next else { throw .wrongState(key, action: "activated") }
        guard earliestActivation(key) <= now else {
            var reported = key
            reported.activatesAt = earliestActivation(key)
            throw .tooEarlyToActivate(reported)
        }
        var plan = KeyPlan()
        if let current = active(key.algorithm, in: keys) {
            plan.transitions.append(retirement(of: current, now: now))
        }
        plan.transitions.append(activation(of: key, now: now))
        return plan
    }

    /// Stops a key from signing. The active key can only go when a published successor may take over.
    public func retire(_ kid: String, keys: [SigningKeyInfo], now: Date) throws(KeyLifecycleError) -> KeyPlan {
        let key = try find(kid, in: keys)
        switch key.state {
        case .next:
            // Never signed anything, so nothing needs it published.
            var retired = key
            retired.state = .retired
            retired.retiredAt = now
            retired.removableAt = now
            return KeyPlan(transitions: [KeyTransition(from: .next, key: retired)])
        case .active:
            guard var successor = pending(key.algorithm, in: keys) else { throw .noSuccessor(key) }
            successor.activatesAt = earliestActivation(successor)
            guard successor.activatesAt <= now else { throw .successorNotReady(key, successor: successor) }
            return try activate(successor.kid, keys: keys, now: now)
        case .retired, .removed:
            throw .wrongState(key, action: "retired")
        }
    }

    /// Takes a key out of the JWKS for good and wipes its private part.
    public func remove(_ kid: String, keys: [SigningKeyInfo], now: Date) throws(KeyLifecycleError) -> KeyPlan {
        let key = try find(kid, in: keys)
        switch key.state {
        case .active:
            throw .activeKeyMustBeRetiredFirst(key)
        case .retired:
            let until = earliestRemoval(key)
            guard until <= now else { throw .tooEarlyToRemove(key, until: until) }
        case .next:
            break  // Never signed anything.
        case .removed:
            throw .wrongState(key, action: "removed")
        }
        var removed = key
        removed.state = .removed
        removed.removedAt = now
        return KeyPlan(transitions: [KeyTransition(from: key.state, key: removed)])
    }

    /// Revokes a compromised key at once, without waiting for caches: it leaves the JWKS and its private part
    /// is wiped. An active key's successor signs at once (the waiting `next` key, or a new one, inserted as `next`
    /// and promoted after the old key is gone, so there is never a second active key). Every grant that lived while
    /// the key signed is ended (`endGrantsCreatedBefore`: its retirement, or now for the active key); a `next`
    /// key never signed anything and ends none. Relying parties with a cached JWKS may still accept the key's
    /// tokens until `jwksMaxAge` has passed: the price of a compromise, which no plan can undo.
    public func revokeCompromised(_ kid: String, keys: [SigningKeyInfo], now: Date, newKid: String) throws(KeyLifecycleError) -> KeyPlan {
        let key = try find(kid, in: keys)
        var revoked = key
        revoked.state = .removed
        revoked.removedAt = now
        switch key.state {
        case .removed:
            throw .wrongState(key, action: "revoked")
        case .next:
            return KeyPlan(transitions: [KeyTransition(from: .next, key: revoked)])
        case .retired:
            return KeyPlan(transitions: [KeyTransition(from: .retired, key: revoked)], endGrantsCreatedBefore: key.retiredAt ?? now)
        case .active:
            revoked.retiredAt = now
            var plan = KeyPlan(endGrantsCreatedBefore: now)
            let successor: SigningKeyInfo
            if let waiting = pending(key.algorithm, in: keys) {
                successor = waiting
            } else {
                successor = SigningKeyInfo(kid: newKid, algorithm: key.algorithm, state: .next, createdAt: now, activatesAt: now)
                plan.newKeys.append(successor)
            }
            var promoted = successor
            promoted.activatesAt = now
            plan.transitions = [KeyTransition(from: .active, key: revoked), activation(of: promoted, now: now)]
            return plan
        }
    }

    /// The promotions that have become due: what every node runs on each refresh. Several nodes may
    /// run it at once; the store's compare-and-set lets exactly one of them succeed.
    public func duePromotions(keys: [SigningKeyInfo], now: Date) -> KeyPlan {
        var plan = KeyPlan()
        for algorithm in SigningAlgorithm.allCases {
            guard let waiting = pending(algorithm, in: keys), earliestActivation(waiting) <= now,
                let step = try? activate(waiting.kid, keys: keys, now: now)
            else { continue }
            plan.transitions += step.transitions
        }
        return plan
    }

    // MARK: - Helpers

    public func active(_ algorithm: SigningAlgorithm, in keys: [SigningKeyInfo]) -> SigningKeyInfo? {
        keys.first { $0.algorithm == algorithm && $0.state == .active }
    }

    public func pending(_ algorithm: SigningAlgorithm, in keys: [SigningKeyInfo]) -> SigningKeyInfo? {
        keys.filter { $0.algorithm == algorithm && $0.state == .next }.min { $0.activatesAt < $1.activatesAt }
    }

    private func find(_ kid: String, in keys: [SigningKeyInfo]) throws(KeyLifecycleError) -> SigningKeyInfo {
        guard let key = keys.first(where: { $0.kid == kid }) else { throw .unknownKey(kid) }
        return key
    }

    private func newKey(_ algorithm: SigningAlgorithm, kid: String, state: KeyState, now: Date) -> SigningKeyInfo {
        let activatesAt = state == .active ? now : now.addingTimeInterval(policy.publicationDelay)
        return SigningKeyInfo(
            kid: kid, algorithm: algorithm, state: state, createdAt: now, activatesAt: activatesAt,
            activatedAt: state == .active ? now : nil)
    }

    private func activation(of key: SigningKeyInfo, now: Date) -> KeyTransition {
        var activated = key
        activated.state = .active
        activated.activatedAt = now
        return KeyTransition(from: key.state, key: activated)
    }

    private func retirement(of key: SigningKeyInfo, now: Date) -> KeyTransition {
        var retired = key
        retired.state = .retired
        retired.retiredAt = now
        retired.removableAt = now.addingTimeInterval(policy.retirementHorizon)
        return KeyTransition(from: key.state, key: retired)
    }
}
