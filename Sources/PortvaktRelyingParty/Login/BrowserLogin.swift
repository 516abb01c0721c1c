import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// The browser login of a portal (OpenID Connect authorization code flow with PKCE):
///
/// - `startLogin` sends the browser to Portvakt, with `state`, `nonce` and the PKCE verifier sealed in an HttpOnly
///   cookie (AES-GCM under the app's key);
/// - `completeLogin`, at the redirect URI, checks `state` and `iss` (RFC 9207), exchanges the code, verifies the
///   ID token and the access token, and starts a session whose opaque id is the only thing in its cookie;
/// - `session` finds the session of a request and refreshes its tokens when the access token nears expiry;
/// - `logout` ends the session and sends the browser to Portvakt's `end_session_endpoint`;
/// - `backChannelLogout` ends the sessions a logout token from Portvakt names.
public struct BrowserLogin: Sendable {
    public let configuration: LoginConfiguration
    public let verifier: TokenVerifier
    public let sessions: any SessionStore
    let sealer: CookieSealer
    let refreshes: RefreshCoordinator
    let logoutTokens: SeenTokens

    public init(configuration: LoginConfiguration, provider: Provider, sessions: any SessionStore = InMemorySessionStore()) {
        self.configuration = configuration
        verifier = TokenVerifier(provider: provider, clientID: configuration.clientID, acceptedClients: [configuration.clientID])
        self.sessions = sessions
        sealer = CookieSealer(key: configuration.cookieKey)
        refreshes = RefreshCoordinator()
        logoutTokens = SeenTokens()
    }

    var provider: Provider { verifier.provider }
    var now: Date { provider.now() }

    // MARK: - Login

    /// A redirect to Portvakt's authorization endpoint. `returnTo` is a path of this app (anything else becomes
    /// `/`); `parameters` adds request parameters (`acr_values`, `ui_locales`, `prompt`…).
    public func startLogin(returnTo: String = "/", parameters: [String: String] = [:]) async throws -> Response {
        let metadata = try await provider.discovery()
        let pending = PendingLogin(
            state: Self.random(), nonce: Self.random(), codeVerifier: Self.random(bytes: 48), returnTo: Self.localPath(returnTo),
            startedAt: now.timeIntervalSince1970)
        let challenge = Base64URL.encode(SHA256.hash(data: Data(pending.codeVerifier.utf8)))
        let query = [
            ("response_type", "code"), ("client_id", configuration.clientID), ("redirect_uri", configuration.redirectURI),
            ("scope", configuration.scopes.joined(separator: " ")), ("state", pending.state), ("nonce", pending.nonce),
            ("code_challenge", challenge), ("code_challenge_method", "S256"),
        ] + parameters.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let separator = metadata.authorizationEndpoint.contains("?") ? "&" : "?"
        var response = Response(
            status: .found, headers: [.location: metadata.authorizationEndpoint + separator + FormEncoding.encode(query), .cacheControl: "no-store"])
        response.setCookie(
            cookie(configuration.loginCookieName, try sealer.seal(pending, purpose: configuration.loginCookieName), maxAge: Int(configuration.loginTimeout)))
        return response
    }

    /// The callback at the redirect URI: on success a redirect to the path the login started from, with the session
    /// cookie. A failed check throws its `VerificationError` (the app shows a page with a way to log in again).
    public func completeLogin(_ request: Request) async throws -> Response {
        let (session, returnTo) = try await finishLogin(request)
        var response = Response(status: .found, headers: [.location: returnTo, .cacheControl: "no-store"])
        response.setCookie(cookie(configuration.sessionCookieName, session.id, maxAge: nil))
        response.setCookie(cookie(configuration.loginCookieName, "", maxAge: 0))
        return response
    }

    /// The callback's checks, in order (RFC 9700 §4.7, RFC 9207, OpenID Connect Core §3.1.3.7), and the new session.
    public func finishLogin(_ request: Request) async throws -> (session: PortalSession, returnTo: String) {
        let query = request.uri.queryParameters
        guard let sealed = request.cookies[configuration.loginCookieName]?.value,
            let pending = sealer.open(sealed, as: PendingLogin.self, purpose: configuration.loginCookieName)
        else { throw VerificationError(.state, "this browser has no login in progress (no login cookie, or one this app did not seal)") }
        let age = now.timeIntervalSince1970 - pending.startedAt
        guard age >= -60, age < configuration.loginTimeout else { throw VerificationError(.state, "the login was started \(Int(age)) s ago: too long") }
        guard let state = query.get("state"), Self.equal(state, pending.state) else {
            throw VerificationError(.state, "the state is not the one this browser's login sent")
        }
        let metadata = try await provider.discovery()
        if let issuer = query.get("iss") {
            guard issuer == provider.issuer else { throw VerificationError(.responseIssuer, "iss \(issuer) is not \(provider.issuer)") }
        } else if metadata.authorizationResponseIssParameterSupported == true {
            throw VerificationError(.responseIssuer, "the response has no iss, which the provider's discovery promises")
        }
        if let error = query.get("error") {
            throw VerificationError(.authorizationError, error + (query.get("error_description").map { ": \($0)" } ?? ""))
        }
        guard let code = query.get("code"), !code.isEmpty else { throw VerificationError(.authorizationError, "the response has no code") }
        let tokens = try await tokenRequest(metadata, [
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", configuration.redirectURI), ("code_verifier", pending.codeVerifier),
        ])
        guard let idTokenText = tokens.idToken else { throw VerificationError(.tokenEndpoint, "the answer has no id_token") }
        let idToken = try await verifier.verifyIDToken(idTokenText, nonce: pending.nonce, accessToken: tokens.accessToken)
        let accessToken = try await verifier.verifyAccessToken(tokens.accessToken)
        guard accessToken.subject == idToken.subject else { throw VerificationError(.malformed, "the access token is for another sub") }
        let session = PortalSession(id: Self.random(), idToken: idToken, accessToken: accessToken, refreshToken: tokens.refreshToken, createdAt: now)
        try await sessions.save(session)
        return (session, pending.returnTo)
    }

    // MARK: - Sessions

    /// The session of this request's cookie, with a fresh access token: one that has less than `refreshMargin`
    /// left is refreshed first (once, however many requests ask at the same time). Nil when there is no session,
    /// or when its tokens expired or cannot be refreshed (the session is then removed).
    public func session(_ request: Request) async throws -> PortalSession? {
        guard let id = request.cookies[configuration.sessionCookieName]?.value, !id.isEmpty,
            let session = try await sessions.session(id: id)
        else { return nil }
        if session.accessToken.expiresAt.timeIntervalSince(now) >= configuration.refreshMargin { return session }
        return try await refreshes.once(session.id) { try await refreshed(session) }
    }

    func refreshed(_ session: PortalSession) async throws -> PortalSession? {
        // Another request may have refreshed it meanwhile.
        guard var session = try await sessions.session(id: session.id) else { return nil }
        if session.accessToken.expiresAt.timeIntervalSince(now) >= configuration.refreshMargin { return session }
        guard let refreshToken = session.refreshToken else {
            if session.accessToken.expiresAt > now { return session }
            try await sessions.remove(id: session.id)
            return nil
        }
        do {
            let tokens = try await tokenRequest(try await provider.discovery(), [("grant_type", "refresh_token"), ("refresh_token", refreshToken)])
            let accessToken = try await verifier.verifyAccessToken(tokens.accessToken)
            guard accessToken.subject == session.subject else { throw VerificationError(.malformed, "the refreshed token is for another sub") }
            if let idTokenText = tokens.idToken {
                let idToken = try await verifier.verifyIDToken(idTokenText, nonce: nil, accessToken: tokens.accessToken)
                guard idToken.subject == session.subject else { throw VerificationError(.malformed, "the refreshed ID token is for another sub") }
                session.idToken = idToken
            }
            session.accessToken = accessToken
            session.refreshToken = tokens.refreshToken ?? refreshToken
            try await sessions.save(session)
            return session
        } catch let error as VerificationError where error.check == .tokenEndpoint {
            // The grant ended at Portvakt (logout, a removed member, a revoked family): so does the session.
            try await sessions.remove(id: session.id)
            return nil
        } catch let error as VerificationError where error.check == .provider && session.accessToken.expiresAt > now {
            // Portvakt is briefly out of reach: the token still serves; the next request tries again.
            return session
        }
    }

    // MARK: - Logout

    /// Ends this request's session and sends the browser to Portvakt's `end_session_endpoint` (RP-initiated
    /// logout) with `id_token_hint`, so that Portvakt ends its login session too and sends the browser back to
    /// `postLogoutRedirectURI`. Without a session: straight to that address.
    public func logout(_ request: Request) async throws -> Response {
        var location = configuration.postLogoutRedirectURI ?? "/"
        if let id = request.cookies[configuration.sessionCookieName]?.value, !id.isEmpty {
            if let session = try await sessions.session(id: id), let endpoint = try await provider.discovery().endSessionEndpoint {
                var query = [("id_token_hint", session.idToken.token), ("client_id", configuration.clientID)]
                if let back = configuration.postLogoutRedirectURI { query.append(("post_logout_redirect_uri", back)) }
                location = endpoint + (endpoint.contains("?") ? "&" : "?") + FormEncoding.encode(query)
            }
            try await sessions.remove(id: id)
        }
        var response = Response(status: .found, headers: [.location: location, .cacheControl: "no-store"])
        response.setCookie(cookie(configuration.sessionCookieName, "", maxAge: 0))
        return response
    }

    // MARK: - Forms

    /// A token for the forms a session posts (CSRF): an HMAC of the session id under the app's cookie key.
    public func formToken(for session: PortalSession) -> String {
        Base64URL.encode(HMAC<SHA256>.authenticationCode(for: Data("form:\(session.id)".utf8), using: configuration.cookieKey))
    }

    /// Whether a posted form's token is this session's.
    public func isFormToken(_ token: String?, of session: PortalSession) -> Bool {
        guard let token else { return false }
        return Self.equal(token, formToken(for: session))
    }

    // MARK: - Parts

    /// A POST to the token endpoint with `client_secret_basic` (or `client_id` in the form for a public client).
    func tokenRequest(_ metadata: ProviderMetadata, _ form: [(String, String)]) async throws -> TokenResponse {
        var form = form
        var headers = ["content-type": "application/x-www-form-urlencoded", "accept": "application/json"]
        if let secret = configuration.clientSecret {
            let pair = "\(FormEncoding.escape(configuration.clientID)):\(FormEncoding.escape(secret))"
            headers["authorization"] = "Basic " + Data(pair.utf8).base64EncodedString()
        } else {
            form.append(("client_id", configuration.clientID))
        }
        let response: TransportResponse
        do {
            response = try await provider.transport.send(
                TransportRequest(method: "POST", url: metadata.tokenEndpoint, headers: headers, body: Data(FormEncoding.encode(form).utf8)))
        } catch {
            throw VerificationError(.provider, "the token endpoint could not be reached: \(error)")
        }
        guard response.status == 200 else {
            let refused = try? JSONDecoder().decode(TokenErrorResponse.self, from: response.body)
            throw VerificationError(
                .tokenEndpoint, "\(response.status) \(refused?.error ?? "(no error code)")" + (refused?.errorDescription.map { ": \($0)" } ?? ""))
        }
        guard let tokens = try? JSONDecoder().decode(TokenResponse.self, from: response.body), tokens.tokenType.lowercased() == "bearer" else {
            throw VerificationError(.tokenEndpoint, "the answer is not a bearer token response")
        }
        return tokens
    }

    func cookie(_ name: String, _ value: String, maxAge: Int?) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: configuration.secureCookies, httpOnly: true, sameSite: .lax)
    }

    /// A path of this app, never another origin (`//host`, `/\host`, `https://…`).
    static func localPath(_ path: String) -> String {
        // No control character at all: browsers drop tabs and newlines from URLs, so "/\t/evil.example" would be
        // read as "//evil.example", another site.
        let control = path.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
        return path.hasPrefix("/") && !path.hasPrefix("//") && !path.contains("\\") && !control ? path : "/"
    }

    static func random(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        return Base64URL.encode((0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// Compares in time independent of where the texts differ.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
