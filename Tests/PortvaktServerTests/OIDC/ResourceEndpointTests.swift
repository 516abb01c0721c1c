import Foundation
import HTTPTypes
import PortvaktCore
import PortvaktCrypto
import PortvaktStore
import Testing

@Suite struct UserInfoTests {
    @Test func userinfoReleasesClaimsByScopeForGetAndPost() async throws {
        try await OIDCHarness.run { h in
            let tokens = try await h.exchange(try await h.code())
            let token = try #require(tokens.json["access_token"] as? String)
            let viaHeader = try await h.get("/userinfo", headers: [.authorization: "Bearer \(token)"])
            #expect(viaHeader.status == .ok)
            #expect(viaHeader.headers[.cacheControl] == "no-store")
            let claims = viaHeader.json
            #expect(claims["sub"] as? String == OIDCHarness.accountID)
            #expect(claims["name"] as? String == "Anna Svensson")
            #expect(claims["given_name"] as? String == "Anna" && claims["family_name"] as? String == "Svensson")
            #expect(claims["locale"] as? String == "sv-SE")
            #expect(claims["email"] as? String == "anna@pantbutiken.se")
            #expect(claims["email_verified"] as? Bool == true)
            let viaBody = try await h.post("/userinfo", form: ["access_token": token])
            #expect(viaBody.json["sub"] as? String == OIDCHarness.accountID)
        }
    }

    @Test func onlyTheScopesGrantedAreReleased() async throws {
        try await OIDCHarness.run { h in
            let tokens = try await h.exchange(try await h.code(["scope": "openid email"]))
            let claims = try await h.get("/userinfo", headers: [.authorization: "Bearer \(tokens.json["access_token"] as! String)"]).json
            #expect(claims["email"] != nil)
            #expect(claims["name"] == nil && claims["given_name"] == nil)
        }
    }

    @Test func claimsAskedForByNameAreReleasedInTheIDTokenWhenTheirScopeIsGranted() async throws {
        try await OIDCHarness.run { h in
            let tokens = try await h.exchange(try await h.code(["scope": "openid profile", "claims": #"{"id_token":{"name":{"essential":true},"email":null}}"#]))
            let id = try JSONSerialization.jsonObject(with: Data(Base64URL.decode(String((tokens.json["id_token"] as! String).split(separator: ".")[1]))!)) as! [String: Any]
            #expect(id["name"] as? String == "Anna Svensson")
            #expect(id["email"] == nil, "email was not granted")
        }
    }

    /// A client allowed `openid` only that asks for profile and e-mail claims by name gets none of them, in the
    /// ID token or from userinfo: the consent page showed only `openid`. Essential or not, they are left out
    /// and the request goes on (OpenID Connect Core §5.5.1).
    @Test func claimsAskedForByNameWhoseScopeIsNotGrantedAreLeftOut() async throws {
        try await OIDCHarness.run { h in
            try await h.services.store.createClient(ClientRegistration(
                id: "narrow", name: "Bara openid", redirectURIs: ["https://narrow.example.com/cb"], authMethod: .clientSecretPost,
                scopes: ["openid"], secretDigest: Digest.sha256(OIDCHarness.secret), createdAt: h.clock.now))
            let names = ["email", "email_verified", "name", "given_name", "family_name", "locale"]
            let asked = "{" + names.map { "\"\($0)\":{\"essential\":true}" }.joined(separator: ",") + "}"
            let cookie = try await h.login()
            let answer = try await h.authorize([
                "client_id": "narrow", "redirect_uri": "https://narrow.example.com/cb", "scope": "openid",
                "claims": #"{"id_token":\#(asked),"userinfo":\#(asked)}"#,
            ], cookie: cookie)
            let consent = try await h.get(try #require(answer.location), cookie: cookie)
            #expect(!consent.body.contains("Din e-postadress"), "the consent page names openid only")
            let code = try await h.consentIfAsked(answer, cookie: cookie)
            let tokens = try await h.post("/token", form: [
                "grant_type": "authorization_code", "code": code, "redirect_uri": "https://narrow.example.com/cb",
                "code_verifier": PKCEPair.standard.verifier, "client_id": "narrow", "client_secret": OIDCHarness.secret,
            ])
            #expect(tokens.status == .ok, "\(tokens.body)")
            let id = try JSONSerialization.jsonObject(with: Data(Base64URL.decode(String((tokens.json["id_token"] as! String).split(separator: ".")[1]))!)) as! [String: Any]
            let userinfo = try await h.get("/userinfo", headers: [.authorization: "Bearer \(tokens.json["access_token"] as! String)"]).json
            for name in names {
                #expect(id[name] == nil, "\(name) in the ID token")
                #expect(userinfo[name] == nil, "\(name) from userinfo")
            }
            #expect(id["sub"] as? String == OIDCHarness.accountID && userinfo["sub"] as? String == OIDCHarness.accountID)
        }
    }

    @Test func userinfoAnswersRFC6750Errors() async throws {
        try await OIDCHarness.run { h in
            let missing = try await h.get("/userinfo")
            #expect(missing.status == .unauthorized)
            #expect(missing.headers[.wwwAuthenticate] == #"Bearer realm="portvakt""#)
            let invalid = try await h.get("/userinfo", headers: [.authorization: "Bearer not.a.token"])
            #expect(invalid.status == .unauthorized)
            #expect(invalid.headers[.wwwAuthenticate]?.contains(#"error="invalid_token""#) == true)
            // An ID token is not an access token.
            let tokens = try await h.exchange(try await h.code())
            let idToken = try #require(tokens.json["id_token"] as? String)
            let withIDToken = try await h.get("/userinfo", headers: [.authorization: "Bearer \(idToken)"])
            #expect(withIDToken.status == .unauthorized)
        }
    }

    /// A bearer token signed by this server but with a claim given twice or a `crit` header is refused: the
    /// first `sub` must not win over the second (RFC 7519 §4, RFC 7515 §4.1.11).
    @Test func bearerTokensWithAClaimGivenTwiceOrCritAreRefused() async throws {
        try await OIDCHarness.run { h in
            let token = try #require(try await h.exchange(try await h.code()).json["access_token"] as? String)
            let claims = String(decoding: Base64URL.decode(String(token.split(separator: ".")[1]))!, as: UTF8.self)
            let twice = String(claims.dropLast()) + #","sub":"acc-mallory"}"#
            let forged = [
                try h.serverSigned(header: { #"{"alg":"RS256","kid":"\#($0)","typ":"at+jwt"}"# }, claims: twice),
                try h.serverSigned(header: { #"{"alg":"RS256","kid":"\#($0)","typ":"at+jwt","crit":["urn:example:x"],"urn:example:x":1}"# }, claims: claims),
            ]
            for bearer in forged {
                let answer = try await h.get("/userinfo", headers: [.authorization: "Bearer \(bearer)"])
                #expect(answer.status == .unauthorized, "\(answer.body)")
            }
            let resigned = try h.serverSigned(header: { #"{"alg":"RS256","kid":"\#($0)","typ":"at+jwt"}"# }, claims: claims)
            #expect(try await h.get("/userinfo", headers: [.authorization: "Bearer \(resigned)"]).status == .ok)
        }
    }

    @Test func anExpiredAccessTokenIsRefused() async throws {
        // Tokens issued by a clock 20 minutes behind expired 10 minutes ago, as jwt-kit sees the real time.
        try await OIDCHarness.run(start: Date().addingTimeInterval(-1200)) { h in
            let tokens = try await h.exchange(try await h.code())
            let answer = try await h.get("/userinfo", headers: [.authorization: "Bearer \(tokens.json["access_token"] as! String)"])
            #expect(answer.status == .unauthorized)
            #expect(answer.headers[.wwwAuthenticate]?.contains("invalid_token") == true)
        }
    }

    @Test func aClientCredentialsTokenHasNoUserinfo() async throws {
        try await OIDCHarness.run { h in
            let basic: HTTPFields = [.authorization: "Basic " + Data("\(OIDCHarness.service):\(OIDCHarness.secret)".utf8).base64EncodedString()]
            let token = try await h.post("/token", form: ["grant_type": "client_credentials"], headers: basic).json["access_token"] as! String
            let answer = try await h.get("/userinfo", headers: [.authorization: "Bearer \(token)"])
            #expect(answer.status == .forbidden)
            #expect(answer.headers[.wwwAuthenticate]?.contains("insufficient_scope") == true)
        }
    }
}

@Suite struct RevocationAndIntrospectionTests {
    @Test func revokingARefreshTokenEndsItsFamilyAndItsAccessTokens() async throws {
        try await OIDCHarness.run { h in
            let tokens = try await h.exchange(try await h.code(OIDCHarness.offline))
            let refresh = try #require(tokens.json["refresh_token"] as? String)
            let access = try #require(tokens.json["access_token"] as? String)
            let revoked = try await h.post("/revoke", form: ["token": refresh, "token_type_hint": "refresh_token"], headers: h.basicAuth)
            #expect(revoked.status == .ok)
            #expect(try await h.get("/userinfo", headers: [.authorization: "Bearer \(access)"]).status == .unauthorized)
            let refreshed = try await h.post("/token", form: ["grant_type": "refresh_token", "refresh_token": refresh], headers: h.basicAuth)
            #expect(refreshed.json["error"] as? String == "invalid_grant")
        }
    }

    @Test func revocationAndIntrospectionRequireClientAuthentication() async throws {
        try await OIDCHarness.run { h in
            let revoke = try await h.post("/revoke", form: ["token": "x"])
            let introspect = try await h.post("/introspect", form: ["token": "x"])
            #expect(revoke.status == .unauthorized)
            #expect(introspect.status == .unauthorized)
        }
    }

    @Test func aClientCanOnlyRevokeOrIntrospectItsOwnTokens() async throws {
        try await OIDCHarness.run { h in
            let tokens = try await h.exchange(try await h.code())
            let access = try #require(tokens.json["access_token"] as? String)
            let other = ["client_id": OIDCHarness.thirdParty, "client_secret": OIDCHarness.secret]
            let revoke = try await h.post("/revoke", form: other.merging(["token": access]) { $1 })
            #expect(revoke.status == .badRequest)
            let introspect = try await h.post("/introspect", form: other.merging(["token": access]) { $1 })
            #expect(introspect.json["active"] as? Bool == false)
            #expect(try await h.get("/userinfo", headers: [.authorization: "Bearer \(access)"]).status == .ok)
        }
    }

    @Test func introspectionDescribesActiveTokensAndNothingElse() async throws {
        try await OIDCHarness.run { h in
            let tokens = try await h.exchange(try await h.code(OIDCHarness.offline))
            let access = try #require(tokens.json["access_token"] as? String)
            let refresh = try #require(tokens.json["refresh_token"] as? String)
            let info = try await h.post("/introspect", form: ["token": access], headers: h.basicAuth).json
            #expect(info["active"] as? Bool == true)
            #expect(info["client_id"] as? String == OIDCHarness.confidential)
            #expect(info["sub"] as? String == OIDCHarness.accountID)
            #expect(info["scope"] as? String == "openid profile email offline_access")
            let refreshInfo = try await h.post("/introspect", form: ["token": refresh, "token_type_hint": "refresh_token"], headers: h.basicAuth).json
            #expect(refreshInfo["active"] as? Bool == true)
            #expect(refreshInfo["token_type"] as? String == "refresh_token")
            let unknown = try await h.post("/introspect", form: ["token": "nonsense"], headers: h.basicAuth).json
            #expect(unknown.keys.sorted() == ["active"])
            _ = try await h.post("/revoke", form: ["token": access], headers: h.basicAuth)
            #expect(try await h.post("/introspect", form: ["token": access], headers: h.basicAuth).json["active"] as? Bool == false)
        }
    }

    @Test func revokingAnUnknownTokenSucceedsQuietly() async throws {
        try await OIDCHarness.run { h in
            let answer = try await h.post("/revoke", form: ["token": "nothing-like-a-token"], headers: h.basicAuth)
            #expect(answer.status == .ok)
        }
    }
}

@Suite struct LogoutTests {
    func idToken(_ h: OIDCHarness, cookie: String) async throws -> String {
        try #require(try await h.exchange(try await h.code(cookie: cookie)).json["id_token"] as? String)
    }

    @Test func aValidHintEndsTheSessionAndRedirectsWithState() async throws {
        try await OIDCHarness.run { h in
            let cookie = try await h.login()
            let hint = try await idToken(h, cookie: cookie)
            let answer = try await h.get(
                "/logout?" + OIDCHarness.encode(["id_token_hint": hint, "post_logout_redirect_uri": "https://portal.example.se/bye", "state": "s1"]),
                cookie: cookie)
            #expect(answer.status == .found)
            #expect(answer.location == "https://portal.example.se/bye?state=s1")
            #expect(answer.headers[.setCookie]?.contains("portvakt-session=;") == true)
            // The server-side session is gone: a later silent request needs a login.
            #expect(try await h.authorize(["prompt": "none"], cookie: cookie).redirectParameters["error"] == "login_required")
        }
    }

    @Test func hintAttacksAreRefusedWithoutRedirecting() async throws {
        try await OIDCHarness.run { h in
            let cookie = try await h.login()
            let hint = try await idToken(h, cookie: cookie)
            let parts = hint.split(separator: ".").map(String.init)
            let unsigned = Base64URL.encode(Array(#"{"alg":"none","typ":"JWT"}"#.utf8)) + "." + parts[1] + "."
            let payload = try JSONSerialization.jsonObject(with: Data(Base64URL.decode(parts[1])!)) as! [String: Any]
            var changed = payload
            changed["sub"] = "someone-else"
            let modified = parts[0] + "." + Base64URL.encode(try JSONSerialization.data(withJSONObject: changed)) + "." + parts[2]
            let foreignKey = try SigningKeyMaterial.generate(.rs256)
            let foreign = try JWS.compact(payload: Data(Base64URL.decode(parts[1])!), signer: foreignKey.signer(kid: "rs256-foreign"))
            // Signed by this server, but with a crit header or a claim given twice (RFC 7515 §4.1.11, RFC 7519 §4).
            let claims = String(decoding: Base64URL.decode(parts[1])!, as: UTF8.self)
            let crit = try h.serverSigned(header: { #"{"alg":"RS256","kid":"\#($0)","typ":"JWT","crit":["urn:example:x"],"urn:example:x":1}"# }, claims: claims)
            let twice = try h.serverSigned(header: { #"{"alg":"RS256","kid":"\#($0)","typ":"JWT"}"# }, claims: String(claims.dropLast()) + #","aud":"partner"}"#)
            for attack in [unsigned, modified, foreign, crit, twice] {
                let answer = try await h.get(
                    "/logout?" + OIDCHarness.encode(["id_token_hint": attack, "post_logout_redirect_uri": "https://portal.example.se/bye"]),
                    cookie: cookie)
                #expect(answer.status == .badRequest)
                #expect(answer.location == nil)
            }
            // Nothing was ended.
            #expect(try await h.authorize(["prompt": "none"], cookie: cookie).redirectParameters["code"] != nil)
        }
    }

    /// RP-initiated logout ends the grants made in the session (their access tokens stop working) but not an
    /// `offline_access` grant, whose refresh token outlives the session by design.
    @Test func logoutEndsTheSessionsGrantsButNotOfflineAccess() async throws {
        try await OIDCHarness.run { h in
            let cookie = try await h.login()
            let online = try await h.exchange(try await h.code(cookie: cookie))
            let offline = try await h.exchange(try await h.code(cookie: cookie, OIDCHarness.offline))
            let onlineAccess = try #require(online.json["access_token"] as? String)
            let offlineAccess = try #require(offline.json["access_token"] as? String)
            let refresh = try #require(offline.json["refresh_token"] as? String)
            #expect(try await h.get("/userinfo", headers: [.authorization: "Bearer \(onlineAccess)"]).status == .ok)
            let hint = try #require(online.json["id_token"] as? String)
            let answer = try await h.get(
                "/logout?" + OIDCHarness.encode(["id_token_hint": hint, "post_logout_redirect_uri": "https://portal.example.se/bye"]), cookie: cookie)
            #expect(answer.status == .found)
            #expect(try await h.get("/userinfo", headers: [.authorization: "Bearer \(onlineAccess)"]).status == .unauthorized)
            #expect(try await h.get("/userinfo", headers: [.authorization: "Bearer \(offlineAccess)"]).status == .ok)
            let refreshed = try await h.post("/token", form: ["grant_type": "refresh_token", "refresh_token": refresh], headers: h.basicAuth)
            #expect(refreshed.status == .ok, "\(refreshed.body)")
        }
    }

    @Test func anUnregisteredPostLogoutRedirectURIIsRefused() async throws {
        try await OIDCHarness.run { h in
            let cookie = try await h.login()
            let hint = try await idToken(h, cookie: cookie)
            let answer = try await h.get(
                "/logout?" + OIDCHarness.encode(["id_token_hint": hint, "post_logout_redirect_uri": "https://portal.example.se/bye/"]), cookie: cookie)
            #expect(answer.status == .badRequest)
            #expect(answer.location == nil)
        }
    }

    @Test func withoutAHintTheUserConfirmsWithAForm() async throws {
        try await OIDCHarness.run { h in
            let cookie = try await h.login()
            let page = try await h.get("/logout", cookie: cookie)
            #expect(page.status == .ok)
            let csrf = try #require(page.body.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1)
            // A forged form from elsewhere does nothing.
            let forged = try await h.post("/logout", form: ["confirm": "yes", "csrf": "x"], cookie: cookie)
            #expect(forged.headers[.setCookie] == nil)
            #expect(try await h.authorize(["prompt": "none"], cookie: cookie).redirectParameters["code"] != nil)
            let confirmed = try await h.post("/logout", form: ["confirm": "yes", "csrf": String(csrf)], cookie: cookie)
            #expect(confirmed.status == .seeOther && confirmed.location?.hasPrefix("/logout/done") == true, "post/redirect/get")
            let done = try await h.get(try #require(confirmed.location))
            #expect(done.body.contains("Du är utloggad.") && done.body.contains(#"href="/login?lang=sv""#), "a way back to the service")
            #expect(try await h.authorize(["prompt": "none"], cookie: cookie).redirectParameters["error"] == "login_required")
        }
    }
}

@Suite struct DiscoveryAndCORSTests {
    @Test func discoveryAdvertisesEveryEndpointThatWorks() async throws {
        try await OIDCHarness.run { h in
            let json = try await h.get(Endpoints.discovery).json
            for (key, path) in [
                ("authorization_endpoint", "/authorize"), ("token_endpoint", "/token"), ("userinfo_endpoint", "/userinfo"),
                ("revocation_endpoint", "/revoke"), ("introspection_endpoint", "/introspect"), ("end_session_endpoint", "/logout"),
                ("jwks_uri", "/.well-known/jwks.json"),
            ] {
                #expect(json[key] as? String == "http://localhost:8080" + path, "\(key)")
            }
            #expect(json["response_types_supported"] as? [String] == ["code"])
            #expect(json["code_challenge_methods_supported"] as? [String] == ["S256"])
            #expect(json["authorization_response_iss_parameter_supported"] as? Bool == true)
            #expect(json["request_parameter_supported"] as? Bool == false)
            #expect((json["id_token_signing_alg_values_supported"] as? [String])?.contains("RS256") == true)
            #expect(json["token_endpoint_auth_methods_supported"] as? [String] == ["client_secret_basic", "client_secret_post", "private_key_jwt", "none"])
        }
    }

    @Test func registeredOriginsGetCORSOnTheTokenEndpointButNotOnAuthorize() async throws {
        try await OIDCHarness.run { h in
            let preflight = try await h.client.execute(
                uri: "/token", method: .options,
                headers: [.origin: "http://127.0.0.1:5173", .accessControlRequestMethod: "POST"]) { $0 }
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowOrigin] == "http://127.0.0.1:5173")
            let jwks = try await h.get(Endpoints.jwks, headers: [.origin: "https://portal.example.se"])
            #expect(jwks.headers[.accessControlAllowOrigin] == "https://portal.example.se")
            let stranger = try await h.get(Endpoints.jwks, headers: [.origin: "https://evil.example"])
            #expect(stranger.headers[.accessControlAllowOrigin] == nil)
            let authorize = try await h.get("/authorize?client_id=portal", headers: [.origin: "https://portal.example.se"])
            #expect(authorize.headers[.accessControlAllowOrigin] == nil)
        }
    }
}
