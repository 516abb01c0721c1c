import Foundation

extension ClientRegistration {
    /// Scopes Portvakt knows.
    public static let knownScopes = ["openid", "profile", "email", "offline_access", "ssn", "memberships", "business", "memberships:manage"]

    /// Checks every rule of a registration; the first broken one is thrown, naming its field.
    public func validate() throws(ClientValidationError) {
        func fail(_ field: String, _ message: String) -> ClientValidationError { .init(field: field, message: message) }
        guard Self.isValidID(id) else {
            throw fail("--id", "use 1 to 64 letters, digits, '.', '_' or '-'")
        }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty, name.count <= 200 else {
            throw fail("--name", "must not be empty (at most 200 characters)")
        }
        if grantTypes.contains(.authorizationCode) {
            guard !redirectURIs.isEmpty else { throw fail("--redirect-uri", "at least one is needed for authorization_code") }
        }
        for uri in redirectURIs {
            if case .failure(let problem) = RedirectURIPolicy.check(uri) { throw fail("--redirect-uri", "\(uri): \(problem.text)") }
        }
        for uri in postLogoutRedirectURIs {
            if case .failure(let problem) = RedirectURIPolicy.check(uri) {
                throw fail("--post-logout-redirect-uri", "\(uri): \(problem.text)")
            }
        }
        guard !grantTypes.isEmpty else { throw fail("--grant", "at least one grant is needed") }
        if isPublic && grantTypes.contains(.clientCredentials) {
            throw fail("--grant", "client_credentials needs a client that can authenticate, not --auth-method none")
        }
        if isPublic && !requiresPKCE {
            throw fail("--no-pkce", "a public client (--auth-method none) must use PKCE")
        }
        if alwaysRefreshToken && !(firstParty && grantTypes.contains(.refreshToken)) {
            throw fail("--always-refresh-token", "is only for a --first-party client with the refresh_token grant")
        }
        if let uri = backchannelLogoutURI {
            // §2.2: an absolute URL, no fragment; a query is allowed. https, or http on loopback as redirect URIs.
            guard let url = URLComponents(string: uri), url.host?.isEmpty == false, url.fragment == nil,
                url.scheme == "https" || (url.scheme == "http" && RedirectURIPolicy.isLoopback(url))
            else { throw fail("--backchannel-logout-uri", "\(uri): must be an absolute https URL without a fragment (http only on loopback)") }
            guard grantTypes.contains(.authorizationCode) else {
                throw fail("--backchannel-logout-uri", "is for clients that log users in (authorization_code)")
            }
        } else if backchannelLogoutSessionRequired {
            throw fail("--backchannel-logout-session-required", "needs --backchannel-logout-uri")
        }
        if grantTypes.contains(.refreshToken) && !grantTypes.contains(.authorizationCode) {
            throw fail("--grant", "refresh_token comes only with authorization_code")
        }
        if authMethod == .privateKeyJWT {
            guard let jwksURI else { throw fail("--jwks-uri", "private_key_jwt needs the client's JWKS URL") }
            guard let url = URLComponents(string: jwksURI), url.scheme == "https" || RedirectURIPolicy.isLoopback(url), url.host != nil else {
                throw fail("--jwks-uri", "must be an https URL (http only on loopback)")
            }
        } else if jwksURI != nil {
            throw fail("--jwks-uri", "is only for --auth-method private_key_jwt")
        }
        for scope in scopes where !Self.knownScopes.contains(scope) {
            throw fail("--scope", "unknown scope \(scope) (known: \(Self.knownScopes.joined(separator: ", ")))")
        }
        if grantTypes.contains(.authorizationCode) && !scopes.contains("openid") {
            throw fail("--scope", "openid is needed for logging users in")
        }
    }

    static func isValidID(_ id: String) -> Bool {
        (1...64).contains(id.count) && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }
}
