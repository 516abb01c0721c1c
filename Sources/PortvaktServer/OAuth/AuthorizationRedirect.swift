import Hummingbird
import PortvaktCore

/// The answers an authorization request sends back to the client's redirect URI, always with `iss` (RFC 9207).
enum AuthorizationRedirect {
    /// An error (RFC 6749 §4.1.2.1) with the request's `state`.
    static func error(_ error: OAuthError, redirectURI: String, state: String?, issuer: String) -> Response {
        .redirect(
            to: RedirectURL.adding(
                [("error", error.code), ("error_description", error.description), ("state", state), ("iss", issuer)], to: redirectURI),
            type: .found)
    }
}
