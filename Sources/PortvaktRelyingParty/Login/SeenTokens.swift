import Foundation

/// The `jti`s of logout tokens already acted on, each kept until its token expires, so that a replayed token is
/// refused. Bounded: beyond `capacity` the entries closest to expiry go first.
actor SeenTokens {
    private var seen: [String: Date] = [:]
    let capacity: Int

    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// True the first time `id` is met (and remembers it until `until`).
    func firstUse(_ id: String, until: Date, now: Date) -> Bool {
        seen = seen.filter { $0.value > now }
        guard seen[id] == nil else { return false }
        if seen.count >= capacity, let soonest = seen.min(by: { $0.value < $1.value }) { seen[soonest.key] = nil }
        seen[id] = until
        return true
    }
}
