import Foundation

/// A client registration that breaks a rule; `field` names the CLI option.
public struct ClientValidationError: Error, Equatable, Sendable, CustomStringConvertible {
    public let field: String
    public let message: String
    public var description: String { "\(field): \(message)" }
}

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

/// Redirect URI rules (RFC 9700 §2.1, §4.1.3; RFC 8252 §7.3): absolute, no fragment, https except on loopback.
public enum RedirectURIPolicy {
    public static func check(_ uri: String) -> Result<Void, ConfigurationMessage> {
        guard let components = URLComponents(string: uri), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else { return .failure("must be an absolute URL") }
        guard components.fragment == nil, !uri.contains("#") else { return .failure("must not contain a fragment") }
        guard components.user == nil, components.password == nil else { return .failure("must not contain user information") }
        guard !uri.contains("*") else { return .failure("must not contain wildcards") }
        switch scheme {
        case "https": return .success(())
        case "http" where isLoopback(components): return .success(())
        case "http": return .failure("must use https unless the host is 127.0.0.1, [::1] or localhost")
        default: return .failure("must be an https URL")
        }
    }

    static func isLoopback(_ components: URLComponents) -> Bool {
        guard let host = components.host?.lowercased() else { return false }
        return ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host)
    }
}
