import Foundation

/// A logged-in user of the portal, kept in a `SessionStore`; the browser holds only its opaque `id`.
public struct PortalSession: Sendable, Equatable {
    public let id: String
    public var idToken: IDToken
    public var accessToken: AccessToken
    public var refreshToken: String?
    public let createdAt: Date

    public init(id: String, idToken: IDToken, accessToken: AccessToken, refreshToken: String?, createdAt: Date) {
        self.id = id
        self.idToken = idToken
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.createdAt = createdAt
    }

    public var subject: String { idToken.subject }
    /// Portvakt's login session (`sid`), which a back-channel logout names.
    public var providerSessionID: String? { idToken.sessionID }
}
