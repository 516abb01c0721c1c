import Crypto
import Foundation

/// How a portal logs its users in with Portvakt.
public struct LoginConfiguration: Sendable {
    public var clientID: String
    /// The client secret (sent with `client_secret_basic`); nil for a public client.
    public var clientSecret: String?
    /// The registered redirect URI, whose path the app routes to `BrowserLogin.completeLogin`.
    public var redirectURI: String
    public var scopes: [String]
    /// Where Portvakt sends the browser after logout (registered with the client); nil: Portvakt's own page.
    public var postLogoutRedirectURI: String?
    /// The AES-256-GCM key for the login cookie: 32 bytes the app keeps secret (the same on every node).
    public var cookieKey: SymmetricKey
    /// The access token is refreshed when it has less than this left.
    public var refreshMargin: TimeInterval
    /// A login not finished in this time is refused (its cookie has expired).
    public var loginTimeout: TimeInterval
    public var sessionCookieName: String
    public var loginCookieName: String

    public init(
        clientID: String, clientSecret: String?, redirectURI: String, scopes: [String] = ["openid", "profile", "email"],
        postLogoutRedirectURI: String? = nil, cookieKey: SymmetricKey, refreshMargin: TimeInterval = 60, loginTimeout: TimeInterval = 600,
        sessionCookieName: String = "rp_session", loginCookieName: String = "rp_login"
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.redirectURI = redirectURI
        self.scopes = scopes
        self.postLogoutRedirectURI = postLogoutRedirectURI
        self.cookieKey = cookieKey
        self.refreshMargin = refreshMargin
        self.loginTimeout = loginTimeout
        self.sessionCookieName = sessionCookieName
        self.loginCookieName = loginCookieName
    }

    /// A new random cookie key: for an app with one node whose sessions live in memory (they end at restart anyway).
    public static func randomCookieKey() -> SymmetricKey { SymmetricKey(size: .bits256) }

    /// Cookies are `Secure` when the app itself is served over https.
    var secureCookies: Bool { redirectURI.lowercased().hasPrefix("https:") }
}
