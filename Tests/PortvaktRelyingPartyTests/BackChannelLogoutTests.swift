import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PortvaktRelyingParty

/// Back-channel logout (OpenID Connect Back-Channel Logout 1.0): the logout token's rules, and the endpoint that
/// ends the sessions it names.
extension BrowserLoginTests {
    func logoutToken(_ changes: [String: Any] = [:], typ: String = "logout+jwt") throws -> String {
        let now = Int(clock.now.timeIntervalSince1970)
        var claims: [String: Any] = [
            "iss": Self.issuer, "sub": "account-1", "aud": "portal", "iat": now, "exp": now + 120, "jti": UUID().uuidString, "sid": "sid-1",
            "events": [LogoutToken.event: [String: Any]()],
        ]
        for (name, value) in changes { claims[name] = value }
        return try keys.sign(claims, header: ["alg": "ES256", "kid": keys.esKid, "typ": typ])
    }

    func post(_ client: some TestClientProtocol, _ token: String) async throws -> TestResponse {
        try await client.execute(
            uri: "/backchannel-logout", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: "logout_token=\(FormEncoding.escape(token))"))
    }

    /// A logged-in session for Portvakt's login session `sid`: its cookie.
    func loggedIn(_ client: some TestClientProtocol, sid: String) async throws -> String {
        let (request, loginCookie) = try await start(client)
        try await answer(nonce: request["nonce"], jti: sid, refresh: nil, sid: sid)
        let done = try await get(client, callback(request["state"]!), cookies: ["rp_login": loginCookie])
        return try #require(Self.cookie(done, "rp_session"))
    }

    @Test func aLogoutTokenEndsTheSessionsItNamesOnce() async throws {
        try await application().test(.router) { client in
            let first = try await loggedIn(client, sid: "sid-1")
            let second = try await loggedIn(client, sid: "sid-2")
            let token = try logoutToken()
            let answer = try await post(client, token)
            #expect(answer.status == .ok && answer.headers[.cacheControl] == "no-store")
            #expect(try await get(client, "/me", cookies: ["rp_session": first]).status == .unauthorized, "the session of sid-1 ended")
            #expect(try await get(client, "/me", cookies: ["rp_session": second]).status == .ok, "another login session of the user goes on")
            let replay = try await post(client, token)
            #expect(replay.status == .badRequest && String(buffer: replay.body).contains("used before"))
            // Without a sid, every session of the user ends.
            let bySubject = try logoutToken(["sid": NSNull()])
            #expect(try await post(client, bySubject).status == .ok)
            #expect(try await get(client, "/me", cookies: ["rp_session": second]).status == .unauthorized)
        }
    }

    @Test func aTokenBreakingAnyLogoutRuleIsRefusedAndEndsNothing() async throws {
        try await application().test(.router) { client in
            let session = try await loggedIn(client, sid: "sid-1")
            let noEvents = try logoutToken(["events": ["http://schemas.openid.net/event/other": [String: Any]()]])
            let refused: [(String, String)] = [
                (try logoutToken(["nonce": "n"]), "logout_token"),
                (noEvents, "logout_token"),
                (try logoutToken(["sid": NSNull(), "sub": NSNull()]), "logout_token"),
                (try logoutToken(["jti": NSNull()]), "logout_token"),
                (try logoutToken(typ: "JWT"), "type"),
                (try logoutToken(typ: "at+jwt"), "type"),
                (try logoutToken(["aud": "another-app"]), "audience"),
                (try logoutToken(["iss": "https://evil.example"]), "issuer"),
                (try logoutToken(["exp": Int(clock.now.timeIntervalSince1970) - 60]), "expired"),
                ("not.a.token", "malformed"),
            ]
            for (token, check) in refused {
                let answer = try await post(client, token)
                #expect(answer.status == .badRequest && String(buffer: answer.body).contains("\"invalid_request\""))
                #expect(String(buffer: answer.body).contains("\(check):"), "\(check): \(String(buffer: answer.body))")
            }
            #expect(try await get(client, "/me", cookies: ["rp_session": session]).status == .ok)
        }
    }
}
