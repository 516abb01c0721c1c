import Foundation

/// A verified access token (RFC 9068): who the caller is, through which client, with which scopes, and for which
/// business it acts.
public struct AccessToken: Sendable, Equatable {
    public let token: String
    public let claims: TokenClaims

    public var subject: String { claims.subject ?? "" }
    public var clientID: String { claims.clientID ?? "" }
    public var scopes: [String] { claims.scopes }
    public var expiresAt: Date { claims.expiresAt ?? .distantPast }
    /// The business the token acts for (`business:<customer_number>` was granted), or nil.
    public func business() throws -> Business? { try claims.business() }
    public func memberships() throws -> [Membership] { try claims.memberships() }
}
