/// An OAuth 2.0 / OpenID Connect error as the specifications name it (RFC 6749 §4.1.2.1 and §5.2, RFC 6750 §3.1,
/// OpenID Connect Core §3.1.2.6). Each knows its HTTP status and whether it may be sent to a redirect URI.
/// Mapped to HTTP in one place, with `Cache-Control: no-store`.
public struct OAuthError: Error, Equatable, Sendable, CustomStringConvertible {
    public let code: String
    public let description: String
    /// The HTTP status when the error is answered directly.
    public let httpStatus: Int
    /// False for errors that must never be redirected: an unknown client or redirect URI (RFC 6749 §4.1.2.1).
    public let mayRedirect: Bool

    public init(code: String, description: String, status: Int = 400, mayRedirect: Bool = true) {
        self.code = code
        self.description = description
        self.httpStatus = status
        self.mayRedirect = mayRedirect
    }

    public static func invalidRequest(_ description: String) -> OAuthError { .init(code: "invalid_request", description: description) }
    public static func unauthorizedClient(_ description: String) -> OAuthError { .init(code: "unauthorized_client", description: description) }
    public static func accessDenied(_ description: String) -> OAuthError { .init(code: "access_denied", description: description, status: 403) }
    public static func unsupportedResponseType(_ description: String) -> OAuthError { .init(code: "unsupported_response_type", description: description) }
    public static func invalidScope(_ description: String) -> OAuthError { .init(code: "invalid_scope", description: description) }
    public static func serverError(_ description: String) -> OAuthError { .init(code: "server_error", description: description, status: 500) }
    /// The server cannot answer now (its store is unreachable); the client may try again (RFC 6749 §4.1.2.1).
    public static func temporarilyUnavailable(_ description: String) -> OAuthError {
        .init(code: "temporarily_unavailable", description: description, status: 503)
    }
    public static func loginRequired(_ description: String) -> OAuthError { .init(code: "login_required", description: description) }
    public static func consentRequired(_ description: String) -> OAuthError { .init(code: "consent_required", description: description) }
    public static func interactionRequired(_ description: String) -> OAuthError { .init(code: "interaction_required", description: description) }
    public static func requestNotSupported(_ description: String) -> OAuthError { .init(code: "request_not_supported", description: description) }
    public static func requestURINotSupported(_ description: String) -> OAuthError { .init(code: "request_uri_not_supported", description: description) }
    /// Client authentication failed: 401, with `WWW-Authenticate` (RFC 6749 §5.2).
    public static func invalidClient(_ description: String) -> OAuthError { .init(code: "invalid_client", description: description, status: 401) }
    public static func invalidGrant(_ description: String) -> OAuthError { .init(code: "invalid_grant", description: description) }
    public static func unsupportedGrantType(_ description: String) -> OAuthError { .init(code: "unsupported_grant_type", description: description) }
    /// A bearer token that is missing, expired or revoked (RFC 6750 §3.1).
    public static func invalidToken(_ description: String) -> OAuthError { .init(code: "invalid_token", description: description, status: 401) }
    public static func insufficientScope(_ description: String) -> OAuthError { .init(code: "insufficient_scope", description: description, status: 403) }

    /// A parameter over its bound: shown on an error page, never redirected, so a 60 KB `state` is never echoed into
    /// a `Location`.
    public static func parameterTooLong(_ description: String) -> OAuthError {
        .init(code: "invalid_request", description: description, status: 400, mayRedirect: false)
    }

    /// Errors about the client or redirect URI themselves: shown on an error page, never redirected.
    public static func invalidClientForRedirect(_ description: String) -> OAuthError {
        .init(code: "invalid_request", description: description, status: 400, mayRedirect: false)
    }
}
