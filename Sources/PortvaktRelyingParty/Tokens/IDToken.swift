import Foundation

/// A verified ID token: who logged in, when, how, and (with the `memberships` scope) their businesses.
public struct IDToken: Sendable, Equatable {
    /// The compact token, for `id_token_hint` at logout.
    public let token: String
    public let claims: TokenClaims

    public var subject: String { claims.subject ?? "" }
    /// `sid`: the login session at Portvakt, which a back-channel logout names.
    public var sessionID: String? { claims.sessionID }
    public var expiresAt: Date { claims.expiresAt ?? .distantPast }
    public func memberships() throws -> [Membership] { try claims.memberships() }
}
