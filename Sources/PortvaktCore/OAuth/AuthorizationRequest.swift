import Foundation

/// A validated authorization request (RFC 6749 §4.1.1, OpenID Connect Core §3.1.2.1), as kept server-side while
/// the user logs in or consents. Only its opaque id travels through the login pages.
public struct AuthorizationRequest: Codable, Sendable, Equatable {
    public enum Prompt: String, Codable, Sendable, CaseIterable {
        case none, login, consent
        case selectAccount = "select_account"
    }

    public var clientID: String
    public var redirectURI: String
    public var scopes: [String]
    public var state: String?
    public var nonce: String?
    public var codeChallenge: String?
    public var prompts: Set<Prompt>
    public var maxAge: Int?
    public var loginHint: String?
    public var acrValues: [String]
    public var uiLocales: [String]
    public var display: String?
    /// Claims asked for by name with the `claims` parameter (OpenID Connect Core §5.5), for the ID token.
    public var idTokenClaims: [String]
    /// Claims asked for by name with the `claims` parameter, for userinfo.
    public var userinfoClaims: [String]
    /// The `sub` of a valid `id_token_hint`.
    public var hintedSubject: String?

    public init(
        clientID: String, redirectURI: String, scopes: [String], state: String? = nil, nonce: String? = nil,
        codeChallenge: String? = nil, prompts: Set<Prompt> = [], maxAge: Int? = nil, loginHint: String? = nil,
        acrValues: [String] = [], uiLocales: [String] = [], display: String? = nil, idTokenClaims: [String] = [],
        userinfoClaims: [String] = [], hintedSubject: String? = nil
    ) {
        self.clientID = clientID
        self.redirectURI = redirectURI
        self.scopes = scopes
        self.state = state
        self.nonce = nonce
        self.codeChallenge = codeChallenge
        self.prompts = prompts
        self.maxAge = maxAge
        self.loginHint = loginHint
        self.acrValues = acrValues
        self.uiLocales = uiLocales
        self.display = display
        self.idTokenClaims = idTokenClaims
        self.userinfoClaims = userinfoClaims
        self.hintedSubject = hintedSubject
    }
}
