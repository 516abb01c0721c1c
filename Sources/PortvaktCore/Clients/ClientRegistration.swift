import Foundation

/// A registered relying party.
public struct ClientRegistration: Sendable, Equatable {
    public var id: String
    public var name: String
    public var redirectURIs: [String]
    public var postLogoutRedirectURIs: [String]
    public var authMethod: ClientAuthMethod
    /// Where a `private_key_jwt` client publishes its keys.
    public var jwksURI: String?
    public var grantTypes: [GrantType]
    /// The scopes the client may ask for.
    public var scopes: [String]
    /// First-party clients (Portvakt's own portal apps) skip the consent page.
    public var firstParty: Bool
    /// Whether the authorization endpoint requires a PKCE `code_challenge` (S256). True for every client unless
    /// it was registered with `--no-pkce` (RFC 9700 §2.1.1); a public client can never opt out.
    public var requiresPKCE: Bool
    /// A first-party client registered with `--always-refresh-token` gets a refresh token with every code grant,
    /// `offline_access` or not (`RefreshTokenRule`). Without `offline_access` the grant still ends with the login
    /// session, refresh token included: the portal refreshes while the user's single sign-on lasts.
    public var alwaysRefreshToken: Bool
    /// Where Portvakt POSTs a logout token when a session the client got tokens in ends (OpenID Connect
    /// Back-Channel Logout 1.0); nil: the client is not told.
    public var backchannelLogoutURI: String?
    /// Whether the client needs `sid` in every logout token (`backchannel_logout_session_required`).
    public var backchannelLogoutSessionRequired: Bool
    public var idTokenSignedResponseAlg: SigningAlgorithm
    /// SHA-256 of the client secret; nil for clients without one.
    public var secretDigest: [UInt8]?
    public var createdAt: Date

    public init(
        id: String, name: String, redirectURIs: [String], postLogoutRedirectURIs: [String] = [],
        authMethod: ClientAuthMethod = .clientSecretBasic, jwksURI: String? = nil,
        grantTypes: [GrantType] = [.authorizationCode, .refreshToken], scopes: [String] = ["openid", "profile", "email"],
        firstParty: Bool = false, requiresPKCE: Bool = true, alwaysRefreshToken: Bool = false,
        backchannelLogoutURI: String? = nil, backchannelLogoutSessionRequired: Bool = false, idTokenSignedResponseAlg: SigningAlgorithm = .rs256, secretDigest: [UInt8]? = nil,
        createdAt: Date
    ) {
        self.id = id
        self.name = name
        self.redirectURIs = redirectURIs
        self.postLogoutRedirectURIs = postLogoutRedirectURIs
        self.authMethod = authMethod
        self.jwksURI = jwksURI
        self.grantTypes = grantTypes
        self.scopes = scopes
        self.firstParty = firstParty
        self.requiresPKCE = requiresPKCE
        self.alwaysRefreshToken = alwaysRefreshToken
        self.backchannelLogoutURI = backchannelLogoutURI
        self.backchannelLogoutSessionRequired = backchannelLogoutSessionRequired
        self.idTokenSignedResponseAlg = idTokenSignedResponseAlg
        self.secretDigest = secretDigest
        self.createdAt = createdAt
    }

    /// A public client (`none`): cannot keep a secret, so PKCE is required whatever the registration says.
    public var isPublic: Bool { authMethod == .none }
}
