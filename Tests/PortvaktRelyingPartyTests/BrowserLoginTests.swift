import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PortvaktRelyingParty

/// The browser login on the real router against a pretend Portvakt: PKCE, the sealed state cookie, the callback's
/// checks, the session, its refresh, and logout.
@Suite struct BrowserLoginTests {
    let keys: TestKeys
    let clock = TestClock()
    let portvakt: FakePortvakt
    let login: BrowserLogin
    static let issuer = FakePortvakt.issuer

    init() throws {
        keys = try TestKeys()
        portvakt = FakePortvakt(jwks: keys.jwks)
        let clock = clock
        let provider = Provider(issuer: Self.issuer, transport: portvakt, now: { clock.now })
        let configuration = LoginConfiguration(
            clientID: "portal", clientSecret: "s3cret:/", redirectURI: "http://localhost:3000/callback",
            scopes: ["openid", "memberships", "offline_access"], postLogoutRedirectURI: "http://localhost:3000/", cookieKey: SymmetricKey(size: .bits256))
        login = BrowserLogin(configuration: configuration, provider: provider, sessions: InMemorySessionStore(now: { clock.now }))
    }

    func application() -> some ApplicationProtocol {
        let router = Router()
        let login = login
        router.get("login") { request, _ in try await login.startLogin(returnTo: request.uri.queryParameters.get("return") ?? "/") }
        router.get("callback") { request, _ -> Response in
            do {
                return try await login.completeLogin(request)
            } catch let error as VerificationError {
                return Response(status: .badRequest, body: .init(byteBuffer: ByteBuffer(string: error.check.rawValue)))
            }
        }
        router.get("me") { request, _ -> Response in
            guard let session = try await login.session(request) else { return Response(status: .unauthorized) }
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: session.subject + " " + session.accessToken.claims.tokenID!)))
        }
        router.get("logout") { request, _ in try await login.logout(request) }
        router.post("backchannel-logout") { request, _ in try await login.backChannelLogout(request) }
        return Application(router: router)
    }

    /// Tokens as Portvakt answers them, for the nonce of this login.
    func answer(nonce: String?, jti: String, refresh: String?, sid: String = "sid-1") async throws {
        let now = Int(clock.now.timeIntervalSince1970)
        let access = try keys.sign(
            ["iss": Self.issuer, "sub": "account-1", "aud": Self.issuer, "client_id": "portal", "iat": now, "exp": now + 600, "scope": "openid memberships",
             "jti": jti], header: ["alg": "ES256", "kid": keys.esKid, "typ": "at+jwt"])
        var id: [String: Any] = [
            "iss": Self.issuer, "sub": "account-1", "aud": "portal", "azp": "portal", "iat": now, "exp": now + 600, "sid": sid,
            "at_hash": TokenVerifier.accessTokenHash(access, .es256),
            "memberships": [["customer_number": "0123436", "name": "Pantbutiken", "kind": "retailer", "role": "admin"]],
        ]
        id["nonce"] = nonce
        var body: [String: Any] = ["access_token": access, "token_type": "Bearer", "expires_in": 600, "id_token": try keys.sign(id)]
        body["refresh_token"] = refresh
        await portvakt.answerTokens(200, body)
    }

    static func cookie(_ response: TestResponse, _ name: String) -> String? {
        response.headers[values: .setCookie].first { $0.hasPrefix(name + "=") }.map { String($0.dropFirst(name.count + 1).prefix { $0 != ";" }) }
    }

    static func query(_ location: String?) -> [String: String] {
        Dictionary(uniqueKeysWithValues: (URLComponents(string: location ?? "")?.queryItems ?? []).map { ($0.name, $0.value ?? "") })
    }

    func get(_ client: some TestClientProtocol, _ uri: String, cookies: [String: String] = [:]) async throws -> TestResponse {
        var headers = HTTPFields()
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        return try await client.execute(uri: uri, method: .get, headers: headers)
    }

    /// Starts a login: the authorization request's parameters and the login cookie.
    func start(_ client: some TestClientProtocol) async throws -> ([String: String], String) {
        let started = try await get(client, "/login?return=/businesses")
        #expect(started.status == .found)
        let header = started.headers[values: .setCookie].first { $0.hasPrefix("rp_login=") } ?? ""
        #expect(header.contains("HttpOnly") && header.contains("SameSite=Lax") && header.contains("Max-Age=600"))
        return (Self.query(started.headers[.location]), try #require(Self.cookie(started, "rp_login")))
    }

    func callback(_ state: String, iss: String? = Self.issuer, extra: String = "&code=c1") -> String {
        var uri = "/callback?state=\(state)" + extra
        if let iss { uri += "&iss=\(FormEncoding.escape(iss))" }
        return uri
    }

    @Test func theWholeLoginRefreshAndLogout() async throws {
        try await application().test(.router) { client in
            let (request, loginCookie) = try await start(client)
            #expect(request["response_type"] == "code" && request["client_id"] == "portal" && request["code_challenge_method"] == "S256")
            #expect(request["scope"] == "openid memberships offline_access" && request["redirect_uri"] == "http://localhost:3000/callback")
            let state = try #require(request["state"]), nonce = try #require(request["nonce"])
            #expect(!loginCookie.contains(state) && !loginCookie.contains(nonce), "the cookie is sealed, not readable")

            try await answer(nonce: nonce, jti: "first", refresh: "r1")
            let done = try await get(client, callback(state), cookies: ["rp_login": loginCookie])
            #expect(done.status == .found && done.headers[.location] == "/businesses", "\(String(buffer: done.body))")
            let exchange = try #require(await portvakt.tokenRequests.last)
            #expect(exchange["grant_type"] == "authorization_code" && exchange["code"] == "c1")
            let verifier = try #require(exchange["code_verifier"])
            #expect(Base64URL.encode(SHA256.hash(data: Data(verifier.utf8))) == request["code_challenge"])
            #expect(await portvakt.tokenAuthorization == "Basic " + Data("portal:s3cret%3A%2F".utf8).base64EncodedString())
            let session = try #require(Self.cookie(done, "rp_session"))
            #expect(Self.cookie(done, "rp_login") == "", "the login cookie is cleared")

            let me = try await get(client, "/me", cookies: ["rp_session": session])
            #expect(me.status == .ok && String(buffer: me.body) == "account-1 first")
            // A replayed callback (the login cookie is gone from the browser, or reused) is refused.
            let replay = try await get(client, callback(state), cookies: [:])
            #expect(String(buffer: replay.body) == "state")

            // Near expiry the session refreshes once, with the rotated refresh token kept.
            clock.advance(560)
            try await answer(nonce: nil, jti: "second", refresh: "r2")
            let refreshed = try await get(client, "/me", cookies: ["rp_session": session])
            #expect(String(buffer: refreshed.body) == "account-1 second")
            #expect(await portvakt.tokenRequests.last?["refresh_token"] == "r1")
            _ = try await get(client, "/me", cookies: ["rp_session": session])
            #expect(await portvakt.tokenRequests.count == 2)

            // When Portvakt refuses the refresh (the grant ended), the session ends.
            clock.advance(560)
            await portvakt.answerTokens(400, ["error": "invalid_grant"])
            #expect(try await get(client, "/me", cookies: ["rp_session": session]).status == .unauthorized)
            #expect(await portvakt.tokenRequests.last?["refresh_token"] == "r2")
        }
    }

    @Test func logoutGoesThroughTheEndSessionEndpoint() async throws {
        try await application().test(.router) { client in
            let (request, loginCookie) = try await start(client)
            try await answer(nonce: request["nonce"], jti: "first", refresh: nil)
            let done = try await get(client, callback(request["state"]!), cookies: ["rp_login": loginCookie])
            let session = try #require(Self.cookie(done, "rp_session"))
            let out = try await get(client, "/logout", cookies: ["rp_session": session])
            let location = try #require(out.headers[.location])
            #expect(out.status == .found && location.hasPrefix("\(Self.issuer)/logout?"))
            let query = Self.query(location)
            #expect(query["post_logout_redirect_uri"] == "http://localhost:3000/" && query["client_id"] == "portal")
            #expect(query["id_token_hint"]?.split(separator: ".").count == 3)
            #expect(Self.cookie(out, "rp_session") == "")
            #expect(try await get(client, "/me", cookies: ["rp_session": session]).status == .unauthorized)
        }
    }

    @Test func theCallbackChecksStateIssuerAndErrors() async throws {
        try await application().test(.router) { client in
            let (request, loginCookie) = try await start(client)
            let state = request["state"]!
            try await answer(nonce: request["nonce"], jti: "first", refresh: nil)
            func refused(_ uri: String, cookies: [String: String] = [:]) async throws -> String {
                String(buffer: try await get(client, uri, cookies: cookies).body)
            }
            #expect(try await refused(callback(state)) == "state", "no login cookie")
            #expect(try await refused(callback(state), cookies: ["rp_login": String(loginCookie.dropLast(2)) + "AA"]) == "state", "a changed cookie")
            #expect(try await refused(callback("other"), cookies: ["rp_login": loginCookie]) == "state")
            #expect(try await refused(callback(state, iss: nil), cookies: ["rp_login": loginCookie]) == "response_issuer")
            #expect(try await refused(callback(state, iss: "https://evil.example"), cookies: ["rp_login": loginCookie]) == "response_issuer")
            #expect(try await refused(callback(state, extra: "&error=access_denied"), cookies: ["rp_login": loginCookie]) == "authorization_error")
            // A token answered for another login's nonce.
            try await answer(nonce: "another", jti: "x", refresh: nil)
            #expect(try await refused(callback(state), cookies: ["rp_login": loginCookie]) == "nonce")
            await portvakt.answerTokens(400, ["error": "invalid_grant"])
            #expect(try await refused(callback(state), cookies: ["rp_login": loginCookie]) == "token_endpoint")
            // After the login timeout the cookie is worth nothing.
            clock.advance(601)
            #expect(try await refused(callback(state), cookies: ["rp_login": loginCookie]) == "state")
            #expect(BrowserLogin.localPath("//evil.example/x") == "/" && BrowserLogin.localPath("https://evil.example") == "/")
            #expect(BrowserLogin.localPath("/businesses?x=1") == "/businesses?x=1")
            for sneaky in ["/\t/evil.example", "/\n/evil.example", "/\\evil.example", "/\u{7F}/x"] {
                #expect(BrowserLogin.localPath(sneaky) == "/", "\(sneaky.debugDescription) would leave the portal")
            }
        }
    }
}
