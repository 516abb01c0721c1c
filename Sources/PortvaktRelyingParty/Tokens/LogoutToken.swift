import Foundation

/// A verified logout token (OpenID Connect Back-Channel Logout 1.0 §2.4): Portvakt ended the login session `sid`,
/// or every session of `sub`.
public struct LogoutToken: Sendable, Equatable {
    public let claims: TokenClaims

    public var subject: String? { claims.subject }
    public var sessionID: String? { claims.sessionID }

    /// The `events` member that makes a JWT a logout token.
    public static let event = "http://schemas.openid.net/event/backchannel-logout"
}
