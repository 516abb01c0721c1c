import Foundation
import PortvaktCore

/// Back-channel logouts waiting to be delivered, shared by every node, like the mail outbox. Logouts are queued
/// by the store itself, in the transaction that ends a session (logout, expiry, "log out everywhere", a password
/// change) or a removed member's grants, for every client with a `backchannel_logout_uri` that got tokens there:
/// no caller can forget one.
public protocol BackchannelLogoutQueue: Sendable {
    /// Claims up to `limit` due logouts for `lease` seconds (no other node claims them meanwhile); each claim
    /// counts as an attempt.
    func claimDueLogouts(now: Date, lease: TimeInterval, limit: Int) async throws -> [PendingLogout]
    func markLogoutDelivered(id: String, at: Date) async throws
    /// Another try at `retryAt`, or none when `retryAt` is nil (the client kept failing; the caller audits it).
    func markLogoutFailed(id: String, error: String, retryAt: Date?, at: Date) async throws
    /// Logouts not yet delivered nor given up, oldest first (tests and operators).
    func pendingLogouts(limit: Int) async throws -> [PendingLogout]
}
