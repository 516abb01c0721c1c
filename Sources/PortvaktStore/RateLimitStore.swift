import Foundation
import PortvaktCore

/// The counts behind every limit in `Limits`, shared by every node. One atomic claim decides and counts.
public protocol RateLimitStore: Sendable {
    /// Decides on one more use of `key` under `limit` and counts it, in one step serialised per key across every
    /// node, so that concurrent uses see each other. `limit` decides on the key's counted uses within its window;
    /// the use is counted when it is allowed, and never when it is refused for a wait or a spent budget. With
    /// `enforce` false the use is counted whatever the decision (which is still reported), up to
    /// `RateLimit.mostUnenforcedUses` in the window: a ceiling that only
    /// applies to parties with recent failures still counts the others' failures.
    func claim(key: String, limit: RateLimit, now: Date, enforce: Bool) async throws -> RateLimitClaim
    /// Takes back a counted use (a right password is not a failure, an order refused by a later limit was not made).
    func release(_ useID: Int64) async throws
    /// Forgets every use of `key` (a login that got both factors right from that address).
    func clear(key: String) async throws
}

extension RateLimitStore {
    public func claim(key: String, limit: RateLimit, now: Date) async throws -> RateLimitClaim {
        try await claim(key: key, limit: limit, now: now, enforce: true)
    }

    /// Takes back every counted use among `claims`.
    public func release(_ claims: [RateLimitClaim]) async throws {
        for id in claims.compactMap(\.useID) { try await release(id) }
    }
}
