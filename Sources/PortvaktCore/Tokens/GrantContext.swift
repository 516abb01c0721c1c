import Foundation

/// What a grant stands for, as the token endpoint issues tokens from it.
public struct GrantContext: Codable, Sendable, Equatable {
    /// The stored grant the tokens are revoked with; nil for client_credentials, whose access token has no grant
    /// (nothing is stored when it is issued) and is revoked by its `jti` (the store's `TokenDenylist`).
    public var grantID: String?
    public var clientID: String
    /// Nil for client_credentials: the client acts for itself.
    public var subject: String?
    public var scopes: [String]
    public var authTime: Date?
    public var acr: String?
    public var amr: [String]
    public var sid: String?
    public var nonce: String?
    public var idTokenClaims: [String]

    public init(
        grantID: String?, clientID: String, subject: String?, scopes: [String], authTime: Date? = nil, acr: String? = nil,
        amr: [String] = [], sid: String? = nil, nonce: String? = nil, idTokenClaims: [String] = []
    ) {
        self.grantID = grantID
        self.clientID = clientID
        self.subject = subject
        self.scopes = scopes
        self.authTime = authTime
        self.acr = acr
        self.amr = amr
        self.sid = sid
        self.nonce = nonce
        self.idTokenClaims = idTokenClaims
    }
}
