import Crypto
import Foundation
import HTTPTypes
import JWTKit
import PortvaktCore
import PortvaktCrypto
import PortvaktStore
import Testing

@Suite struct TokenEndpointTests {
    @Test func theCodeBuysAVerifiableIDTokenAndAnRFC9068AccessToken() async throws {
        try await OIDCHarness.run { h in
            let answer = try await h.exchange(try await h.code([
                "claims": #"{"id_token":{"name":{"essential":true}}}"#,
            ]))
            #expect(answer.status == .ok)
            #expect(answer.headers[.cacheControl] == "no-store")
            let json = answer.json
            #expect(json["token_type"] as? String == "Bearer")
            #expect(json["expires_in"] as? Int == 600)
            let idToken = try #require(json["id_token"] as? String)
            let accessToken = try #require(json["access_token"] as? String)
            #expect(json["refresh_token"] == nil, "no offline_access, no refresh token")

            let id = try await h.verify(idToken, as: IDTokenClaims.self)
            #expect(id.iss.value == "http://localhost:8080")
            #expect(id.sub.value == OIDCHarness.accountID)
            #expect(id.aud.value == [OIDCHarness.confidential])
            #expect(id.azp == OIDCHarness.confidential)
            #expect(id.nonce == "n-456")
            #expect(id.acr == "urn:portvakt:acr:mfa")
            #expect(id.amr == ["pwd", "otp", "mfa"])
            #expect(id.sid != nil && id.auth_time != nil)
            #expect(id.name == "Anna Svensson")
            let expectedHash = Base64URL.encode(SHA256.hash(data: Data(accessToken.utf8)).prefix(16))
            #expect(id.at_hash == expectedHash)
            let header = try JSONDecoder().decode([String: String].self, from: Data(Base64URL.decode(String(idToken.split(separator: ".")[0]))!))
            #expect(header["alg"] == "RS256" && header["kid"] != nil)

            let access = try await h.verify(accessToken, as: AccessTokenClaims.self)
            #expect(access.client_id == OIDCHarness.confidential)
            #expect(access.scope == "openid profile email")
            #expect(access.aud.value == ["http://localhost:8080"])
            #expect(!access.jti.isEmpty)
            let accessHeader = try JSONDecoder().decode([String: String].self, from: Data(Base64URL.decode(String(accessToken.split(separator: ".")[0]))!))
            #expect(accessHeader["typ"] == "at+jwt")
        }
    }

    @Test func theClientsRegisteredIDTokenAlgorithmIsUsed() async throws {
        try await OIDCHarness.run { h in
            let cookie = try await h.login()
            let answer = try await h.authorize(["client_id": OIDCHarness.assertionClient, "redirect_uri": "https://signed.example.se/cb"], cookie: cookie)
            let code = try #require(answer.redirectParameters["code"])
            let tokens = try await h.post("/token", form: [
                "grant_type": "authorization_code", "code": code, "redirect_uri": "https://signed.example.se/cb",
                "code_verifier": PKCEPair.standard.verifier, "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion": try h.clientAssertion(),
            ])
            #expect(tokens.status == .ok, "\(tokens.body)")
            let idToken = try #require(tokens.json["id_token"] as? String)
            let header = try JSONDecoder().decode([String: String].self, from: Data(Base64URL.decode(String(idToken.split(separator: ".")[0]))!))
            #expect(header["alg"] == "ES256")
            #expect(try await h.verify(idToken, as: IDTokenClaims.self).sub.value == OIDCHarness.accountID)
        }
    }

    @Test func aCodeIsSingleUseAndReuseRevokesEveryTokenIssuedFromIt() async throws {
        try await OIDCHarness.run { h in
            let code = try await h.code(OIDCHarness.offline)
            let first = try await h.exchange(code)
            #expect(first.status == .ok)
            let second = try await h.exchange(code)
            #expect(second.status == .badRequest)
            #expect(second.json["error"] as? String == "invalid_grant")
            let accessToken = try #require(first.json["access_token"] as? String)
            let userinfo = try await h.get("/userinfo", headers: [.authorization: "Bearer \(accessToken)"])
            #expect(userinfo.status == .unauthorized)
            let refresh = try await h.post("/token", form: ["grant_type": "refresh_token", "refresh_token": first.json["refresh_token"] as! String], headers: h.basicAuth)
            #expect(refresh.json["error"] as? String == "invalid_grant")
        }
    }

    /// RFC 7515 §4.1.11 and RFC 7519 §4: a client assertion with a `crit` header or a name given twice is
    /// refused though its signature is good; the same assertion without them is accepted.
    @Test func clientAssertionsWithCritOrANameGivenTwiceAreRefused() async throws {
        try await OIDCHarness.run { h in
            let cookie = try await h.login()
            let header = #"{"alg":"ES256","kid":"client-key-1","typ":"JWT"}"#
            func claims(_ extra: String = "") -> String {
                #"{"iss":"signed","sub":"signed","aud":"http://localhost:8080/token","jti":"\#(UUID().uuidString)","exp":\#(Int(h.clock.now.timeIntervalSince1970) + 300)\#(extra)}"#
            }
            func redeem(_ assertion: String) async throws -> OIDCHarness.Answer {
                let answer = try await h.authorize(["client_id": OIDCHarness.assertionClient, "redirect_uri": "https://signed.example.se/cb"], cookie: cookie)
                return try await h.post("/token", form: [
                    "grant_type": "authorization_code", "code": try #require(answer.redirectParameters["code"]),
                    "redirect_uri": "https://signed.example.se/cb", "code_verifier": PKCEPair.standard.verifier,
                    "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion": assertion,
                ])
            }
            let refused = [
                try h.rawClientAssertion(header: #"{"alg":"ES256","kid":"client-key-1","crit":["urn:example:x"],"urn:example:x":1}"#, claims: claims()),
                try h.rawClientAssertion(header: header, claims: claims(#","sub":"portal""#)),
                try h.rawClientAssertion(header: header, claims: claims(#","aud":"https://elsewhere.example""#)),
                try h.rawClientAssertion(header: header, claims: claims(#","exp":4102444800"#)),
                try h.rawClientAssertion(header: #"{"alg":"ES256","kid":"client-key-1","kid":"other"}"#, claims: claims()),
            ]
            for assertion in refused {
                let answer = try await redeem(assertion)
                #expect(answer.status == .unauthorized, "\(answer.body)")
                #expect(answer.json["error"] as? String == "invalid_client")
            }
            let good = try await redeem(try h.rawClientAssertion(header: header, claims: claims()))
            #expect(good.status == .ok, "\(good.body)")
        }
    }

    @Test func thePKCEDowngradeIsRefused() async throws {
        try await OIDCHarness.run { h in
            // Only a client registered without PKCE gets a code without a challenge; a verifier is then refused.
            let answer = try await h.authorize([
                "client_id": OIDCHarness.legacyClient, "redirect_uri": "https://legacy.example.se/cb",
                "code_challenge": nil, "code_challenge_method": nil,
            ], cookie: try await h.login())
            let code = try #require(answer.redirectParameters["code"])
            let tokens = try await h.post("/token", form: [
                "grant_type": "authorization_code", "code": code, "redirect_uri": "https://legacy.example.se/cb",
                "code_verifier": PKCEPair.standard.verifier, "client_id": OIDCHarness.legacyClient, "client_secret": OIDCHarness.secret,
            ])
            #expect(tokens.json["error"] as? String == "invalid_grant")
        }
    }

    @Test func aWrongOrMissingVerifierIsRefused() async throws {
        try await OIDCHarness.run { h in
            let wrong = try await h.exchange(try await h.code(), verifier: PKCEPair(verifier: String(repeating: "a", count: 43)).verifier)
            let missing = try await h.exchange(try await h.code(), verifier: nil)
            #expect(wrong.json["error"] as? String == "invalid_grant")
            #expect(missing.json["error"] as? String == "invalid_grant")
        }
    }

    @Test func theCodeIsBoundToTheRedirectURIAndTheClient() async throws {
        try await OIDCHarness.run { h in
            #expect(try await h.exchange(try await h.code(), redirectURI: "https://portal.example.se/other").json["error"] as? String == "invalid_grant")
            let code = try await h.code()
            let stolen = try await h.post("/token", form: [
                "grant_type": "authorization_code", "code": code, "redirect_uri": OIDCHarness.redirect,
                "code_verifier": PKCEPair.standard.verifier, "client_id": OIDCHarness.thirdParty, "client_secret": OIDCHarness.secret,
            ])
            #expect(stolen.json["error"] as? String == "invalid_grant")
        }
    }

    @Test func theCodeLivesAtMostSixtySeconds() async throws {
        try await OIDCHarness.run { h in
            let code = try await h.code()
            h.clock.advance(60)
            #expect(try await h.exchange(code).json["error"] as? String == "invalid_grant")
        }
    }

    /// OpenID Connect Core §11: a refresh token only for `offline_access` that was asked for, allowed and consented.
    @Test func aRefreshTokenOnlyForOfflineAccess() async throws {
        try await OIDCHarness.run { h in
            #expect(try await h.exchange(try await h.code()).json["refresh_token"] == nil)
            let offline = try await h.exchange(try await h.code(OIDCHarness.offline))
            #expect((offline.json["refresh_token"] as? String)?.count ?? 0 >= 43)
            // A client that may not use refresh tokens may not ask for offline_access at all.
            try await h.services.store.createClient(ClientRegistration(
                id: "no-refresh", name: "N", redirectURIs: ["https://n.example.se/cb"], grantTypes: [.authorizationCode], firstParty: true,
                secretDigest: Digest.sha256(OIDCHarness.secret), createdAt: h.clock.now))
            let refused = try await h.authorize(
                ["client_id": "no-refresh", "redirect_uri": "https://n.example.se/cb", "scope": "openid offline_access"], cookie: try await h.login())
            #expect(refused.redirectParameters["error"] == "invalid_scope")
        }
    }

    /// A first-party client registered with `--always-refresh-token` gets a refresh token without `offline_access`;
    /// its grant still ends with the login session, and the refresh token with it.
    @Test func aFirstPartyClientMayAlwaysGetARefreshTokenThatEndsWithTheSession() async throws {
        try await OIDCHarness.run { h in
            var portal = try #require(try await h.services.store.client(id: OIDCHarness.confidential))
            portal.alwaysRefreshToken = true
            #expect(try await h.services.store.removeClient(id: portal.id))
            try await h.services.store.createClient(portal)
            // The node's next client refresh (ClientRefreshService, every keys.refresh_interval) picks the change up.
            #expect(try await h.services.clients.refresh())
            let cookie = try await h.login()
            let tokens = try await h.exchange(try await h.code(cookie: cookie))
            let refresh = try #require(tokens.json["refresh_token"] as? String, "a refresh token without offline_access")
            let refreshed = try await h.post("/token", form: ["grant_type": "refresh_token", "refresh_token": refresh], headers: h.basicAuth)
            #expect(refreshed.status == .ok, "\(refreshed.body)")
            let next = try #require(refreshed.json["refresh_token"] as? String)
            let hint = try #require(tokens.json["id_token"] as? String)
            _ = try await h.get("/logout?" + OIDCHarness.encode(["id_token_hint": hint, "post_logout_redirect_uri": "https://portal.example.se/bye"]),
                                cookie: cookie)
            let afterLogout = try await h.post("/token", form: ["grant_type": "refresh_token", "refresh_token": next], headers: h.basicAuth)
            #expect(afterLogout.json["error"] as? String == "invalid_grant", "the refresh token ended with the session")
        }
    }

    @Test func refreshTokensRotateAndReuseRevokesTheFamily() async throws {
        try await OIDCHarness.run { h in
            let first = try await h.exchange(try await h.code(OIDCHarness.offline))
            let r1 = try #require(first.json["refresh_token"] as? String)
            let second = try await h.post("/token", form: ["grant_type": "refresh_token", "refresh_token": r1], headers: h.basicAuth)
            #expect(second.status == .ok)
            let r2 = try #require(second.json["refresh_token"] as? String)
            #expect(r2 != r1)
            // r1 again: a replay. The whole family dies, r2 included.
            let replay = try await h.post("/token", form: ["grant_type": "refresh_token", "refresh_token": r1], headers: h.basicAuth)
            #expect(replay.json["error"] as? String == "invalid_grant")
            let afterReplay = try await h.post("/token", form: ["grant_type": "refresh_token", "refresh_token": r2], headers: h.basicAuth)
            #expect(afterReplay.json["error"] as? String == "invalid_grant")
        }
    }

    @Test func refreshTokensAreBoundToTheClientAndCanOnlyNarrowTheScope() async throws {
        try await OIDCHarness.run { h in
            let first = try await h.exchange(try await h.code(OIDCHarness.offline))
            let token = try #require(first.json["refresh_token"] as? String)
            let other = try await h.post("/token", form: [
                "grant_type": "refresh_token", "refresh_token": token, "client_id": OIDCHarness.thirdParty, "client_secret": OIDCHarness.secret,
            ])
            #expect(other.json["error"] as? String == "invalid_grant")
            let wider = try await h.post("/token", form: ["grant_type": "refresh_token", "refresh_token": token, "scope": "openid ssn"], headers: h.basicAuth)
            #expect(wider.json["error"] as? String == "invalid_scope")
            let narrower = try await h.post("/token", form: ["grant_type": "refresh_token", "refresh_token": token, "scope": "openid"], headers: h.basicAuth)
            #expect(narrower.json["scope"] as? String == "openid")
        }
    }

    @Test func refreshTokensHaveAnAbsoluteLifetime() async throws {
        try await OIDCHarness.run(["tokens": ["refresh_token_lifetime": 120]]) { h in
            let first = try await h.exchange(try await h.code(OIDCHarness.offline))
            var token = try #require(first.json["refresh_token"] as? String)
            h.clock.advance(100)
            let second = try await h.post("/token", form: ["grant_type": "refresh_token", "refresh_token": token], headers: h.basicAuth)
            token = try #require(second.json["refresh_token"] as? String)
            h.clock.advance(30)
            let late = try await h.post("/token", form: ["grant_type": "refresh_token", "refresh_token": token], headers: h.basicAuth)
            #expect(late.json["error"] as? String == "invalid_grant")
        }
    }

    @Test func clientCredentialsGivesAnAccessTokenForTheClientItself() async throws {
        try await OIDCHarness.run { h in
            let basic: HTTPFields = [.authorization: "Basic " + Data("\(OIDCHarness.service):\(OIDCHarness.secret)".utf8).base64EncodedString()]
            let answer = try await h.post("/token", form: ["grant_type": "client_credentials", "scope": "email"], headers: basic)
            #expect(answer.status == .ok)
            #expect(answer.json["id_token"] == nil && answer.json["refresh_token"] == nil)
            let access = try await h.verify(try #require(answer.json["access_token"] as? String), as: AccessTokenClaims.self)
            #expect(access.sub.value == OIDCHarness.service)
            let refused = try await h.post("/token", form: ["grant_type": "client_credentials"], headers: h.basicAuth)
            #expect(refused.json["error"] as? String == "unauthorized_client")
        }
    }

    @Test func clientAuthenticationFailuresAre401WithWWWAuthenticate() async throws {
        try await OIDCHarness.run { h in
            let wrong: HTTPFields = [.authorization: "Basic " + Data("\(OIDCHarness.confidential):wrong".utf8).base64EncodedString()]
            let answer = try await h.post("/token", form: ["grant_type": "authorization_code", "code": "x", "redirect_uri": OIDCHarness.redirect], headers: wrong)
            #expect(answer.status == .unauthorized)
            #expect(answer.json["error"] as? String == "invalid_client")
            #expect(answer.headers[.wwwAuthenticate]?.hasPrefix("Basic") == true)
            #expect(answer.headers[.cacheControl] == "no-store")
        }
    }

    @Test func aClientMustUseItsRegisteredAuthenticationMethod() async throws {
        try await OIDCHarness.run { h in
            // The basic client posting its secret in the body.
            let post = try await h.post("/token", form: [
                "grant_type": "authorization_code", "code": "x", "redirect_uri": OIDCHarness.redirect,
                "client_id": OIDCHarness.confidential, "client_secret": OIDCHarness.secret,
            ])
            #expect(post.status == .unauthorized)
            // A confidential client presenting no credentials at all.
            let none = try await h.post("/token", form: ["grant_type": "authorization_code", "code": "x", "client_id": OIDCHarness.confidential])
            #expect(none.status == .unauthorized)
        }
    }

    @Test func publicClientsRedeemWithPKCEAndNoSecret() async throws {
        try await OIDCHarness.run { h in
            let cookie = try await h.login()
            let answer = try await h.authorize(["client_id": OIDCHarness.publicClient, "redirect_uri": "http://127.0.0.1:5173/cb"], cookie: cookie)
            let code = try #require(answer.redirectParameters["code"])
            let tokens = try await h.post("/token", form: [
                "grant_type": "authorization_code", "code": code, "redirect_uri": "http://127.0.0.1:5173/cb",
                "code_verifier": PKCEPair.standard.verifier, "client_id": OIDCHarness.publicClient,
            ])
            #expect(tokens.status == .ok)
        }
    }

    @Test func aClientAssertionIsAcceptedOnceAndOnlyForUs() async throws {
        try await OIDCHarness.run { h in
            func attempt(_ assertion: String) async throws -> OIDCHarness.Answer {
                try await h.post("/token", form: [
                    "grant_type": "authorization_code", "code": "unknown", "redirect_uri": "https://signed.example.se/cb",
                    "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion": assertion,
                ])
            }
            let assertion = try h.clientAssertion(jti: "once")
            // Authenticated (then the unknown code fails): invalid_grant, not invalid_client.
            #expect(try await attempt(assertion).json["error"] as? String == "invalid_grant")
            #expect(try await attempt(assertion).json["error"] as? String == "invalid_client", "a replayed jti")
            #expect(try await attempt(try h.clientAssertion(audience: "https://elsewhere.example/token")).status == .unauthorized)
            #expect(try await attempt(try h.clientAssertion(lifetime: 3600)).status == .unauthorized)
            #expect(try await attempt(try h.clientAssertion(lifetime: -1)).status == .unauthorized, "expired on the server's clock")
            let foreign = try JWS.compact(
                payload: Data(#"{"iss":"signed","sub":"signed","aud":"http://localhost:8080/token","jti":"x","exp":\#(Int(h.clock.now.timeIntervalSince1970) + 60)}"#.utf8),
                signer: SigningKeyMaterial.generate(.es256).signer(kid: "client-key-1"))
            #expect(try await attempt(foreign).status == .unauthorized)
        }
    }

    @Test func unsupportedGrantTypesAndMissingParametersAreNamed() async throws {
        try await OIDCHarness.run { h in
            let password = try await h.post("/token", form: ["grant_type": "password"], headers: h.basicAuth)
            let empty = try await h.post("/token", form: [:], headers: h.basicAuth)
            let noCode = try await h.post("/token", form: ["grant_type": "authorization_code"], headers: h.basicAuth)
            #expect(password.json["error"] as? String == "unsupported_grant_type")
            #expect(empty.json["error"] as? String == "invalid_request")
            #expect(noCode.json["error"] as? String == "invalid_request")
        }
    }
}

