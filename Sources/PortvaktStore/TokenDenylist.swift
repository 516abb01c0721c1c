import Foundation

/// Access tokens that have no grant (`client_credentials`) and were revoked before they expired, by their `jti`.
/// A row is written only when someone revokes such a token, and is deleted by `purgeRetained` once the token has
/// expired (`Retention.deniedToken`), so the list holds only tokens that could still be presented.
public protocol TokenDenylist: Sendable {
    /// Denies the token `jti` until `expiresAt`. Atomic and idempotent: of several concurrent denials of one
    /// `jti` exactly one returns true; the others (and any later one) return false and change nothing.
    @discardableResult
    func denyToken(jti: String, expiresAt: Date) async throws -> Bool
    /// Whether the token `jti` was denied (and its row not yet purged).
    func isTokenDenied(jti: String) async throws -> Bool
}
