import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PortvaktRelyingParty

/// The Hummingbird middleware on the real router: 401 without a valid token, 403 without what the route requires.
@Suite struct BearerMiddlewareTests {
    let keys: TestKeys
    let clock = TestClock()
    let verifier: TokenVerifier

    init() throws {
        keys = try TestKeys()
        let clock = clock
        verifier = TokenVerifier(
            provider: Provider(issuer: FakePortvakt.issuer, transport: FakePortvakt(jwks: keys.jwks), now: { clock.now }), clientID: "portal")
    }

    func token(role: String = "admin", scope: String = "openid business:0123436", typ: String = "at+jwt") throws -> String {
        let now = Int(clock.now.timeIntervalSince1970)
        return try keys.sign(
            [
                "iss": FakePortvakt.issuer, "sub": "account-1", "aud": FakePortvakt.issuer, "client_id": "portal", "iat": now, "exp": now + 600,
                "scope": scope, "business": ["customer_number": "0123436", "name": "Pantbutiken", "role": role],
            ], header: ["alg": "ES256", "kid": keys.esKid, "typ": typ])
    }

    func application() -> some ApplicationProtocol {
        let router = Router(context: BearerRequestContext.self)
        let bearer = BearerMiddleware<BearerRequestContext>(verifier: verifier)
        router.group("me").add(middleware: bearer).get { _, context in try context.requireAccessToken().subject }
        router.group("admin").add(middleware: bearer.requireScope("business:0123436").requireBusiness("0123436").requireRole(.admin))
            .get { _, context in try context.requireAccessToken().business()?.name ?? "" }
        return Application(router: router)
    }

    func get(_ client: some TestClientProtocol, _ path: String, _ token: String?) async throws -> TestResponse {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: path, method: .get, headers: headers)
    }

    @Test func aValidTokenReachesTheHandlerWithItsClaims() async throws {
        try await application().test(.router) { client in
            let me = try await get(client, "/me", try token())
            #expect(me.status == .ok && String(buffer: me.body) == "account-1")
            let admin = try await get(client, "/admin", try token())
            #expect(admin.status == .ok && String(buffer: admin.body) == "Pantbutiken")
        }
    }

    @Test func noTokenOrABadOneIs401WithAChallenge() async throws {
        try await application().test(.router) { client in
            let none = try await get(client, "/me", nil)
            #expect(none.status == .unauthorized && none.headers[.wwwAuthenticate] == "Bearer")
            let expired = try await get(client, "/me", try keys.sign(["iss": FakePortvakt.issuer], header: ["alg": "none"]))
            #expect(expired.status == .unauthorized)
            #expect(expired.headers[.wwwAuthenticate]?.hasPrefix("Bearer error=\"invalid_token\", error_description=\"algorithm:") == true)
            let idToken = try await get(client, "/me", try token(typ: "JWT"))
            #expect(idToken.status == .unauthorized && idToken.headers[.wwwAuthenticate]?.contains("type:") == true)
        }
    }

    @Test func aUserOrAnotherBusinessOrAMissingScopeIs403() async throws {
        try await application().test(.router) { client in
            let user = try await get(client, "/admin", try token(role: "user"))
            #expect(user.status == .forbidden && user.headers[.wwwAuthenticate]?.contains("insufficient_scope") == true)
            #expect(user.headers[.wwwAuthenticate]?.contains("role:") == true)
            let scope = try await get(client, "/admin", try token(scope: "openid"))
            #expect(scope.status == .forbidden && scope.headers[.wwwAuthenticate]?.contains("scope:") == true)
        }
    }
}
