import Foundation
import HTTPTypes
import JWTKit
import PortvaktCore
import PortvaktCrypto
import PortvaktStore
import Testing

/// Rules that keep one user's request, code or consent from serving another.
@Suite struct BindingTests {
    let third: [String: String?] = ["client_id": OIDCHarness.thirdParty, "redirect_uri": "https://partner.example.com/cb"]

    /// Approves the third-party request in the harness's browser as the session `cookie`, without following the redirect.
    func approve(_ h: OIDCHarness, cookie: String) async throws -> String {
        let location = try #require(try await h.authorize(third, cookie: cookie).location)
        let page = try await h.get(location, cookie: cookie)
        let csrf = try #require(page.body.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1)
        let requestID = String(location.dropFirst("/consent?request=".count))
        let approved = try await h.post("/consent", form: ["request": requestID, "csrf": String(csrf), "decision": "approve"], cookie: cookie)
        #expect(approved.location == "/authorize/resume?request=\(requestID)")
        return requestID
    }

    @Test func aPendingRequestCannotBeResumedFromAnotherBrowser() async throws {
        try await OIDCHarness.run { h in
            try await h.services.store.createAccount(Account(
                id: "acc-mallory", email: "m@example.com", emailVerified: true, givenName: "M", familyName: "X", locale: nil, createdAt: h.clock.now))
            let requestID = try await approve(h, cookie: try await h.login("acc-mallory"))
            // The link goes to the victim, whose browser has its own cookies and session.
            h.jar.clear()
            let victim = try await h.login()
            let answer = try await h.get("/authorize/resume?request=\(requestID)", cookie: victim)
            #expect(answer.status == .badRequest)
            #expect(answer.location == nil)
            #expect(try await h.get("/login?request=\(requestID)").status == .badRequest)
        }
    }

    @Test func consentCountsOnlyForTheSessionThatGaveIt() async throws {
        try await OIDCHarness.run { h in
            try await h.services.store.createAccount(Account(
                id: "acc-bo", email: "bo@example.se", emailVerified: true, givenName: "Bo", familyName: "Ek", locale: nil, createdAt: h.clock.now))
            let requestID = try await approve(h, cookie: try await h.login("acc-bo"))
            // Same browser, another user's session: the approval was not theirs.
            let other = try await h.get("/authorize/resume?request=\(requestID)", cookie: try await h.login())
            #expect(other.location == "/consent?request=\(requestID)")
        }
    }

    @Test func anotherClientsAttemptDoesNotBurnTheCode() async throws {
        try await OIDCHarness.run { h in
            let code = try await h.code()
            let stolen = try await h.post("/token", form: [
                "grant_type": "authorization_code", "code": code, "redirect_uri": OIDCHarness.redirect,
                "code_verifier": PKCEPair.standard.verifier, "client_id": OIDCHarness.thirdParty, "client_secret": OIDCHarness.secret,
            ])
            #expect(stolen.json["error"] as? String == "invalid_grant")
            #expect(try await h.exchange(code).status == .ok)
        }
    }

    @Test func aCodeStillWorksAtFiftyNineSeconds() async throws {
        try await OIDCHarness.run { h in
            let code = try await h.code()
            h.clock.advance(59)
            #expect(try await h.exchange(code).status == .ok)
        }
    }

    @Test func aParameterGivenTwiceGetsAnErrorPage() async throws {
        try await OIDCHarness.run { h in
            let query = OIDCHarness.encode([
                "client_id": OIDCHarness.confidential, "redirect_uri": OIDCHarness.redirect, "response_type": "code", "scope": "openid",
                "code_challenge": PKCEPair.standard.challenge, "code_challenge_method": "S256", "state": "a",
            ])
            let answer = try await h.get("/authorize?" + query + "&state=b", cookie: try await h.login())
            #expect(answer.status == .badRequest)
            #expect(answer.location == nil)
            #expect(answer.body.contains("more than once"))
        }
    }

    @Test func aHintSignedByAForeignKeyUnderOurKidIsRefused() async throws {
        try await OIDCHarness.run { h in
            let cookie = try await h.login()
            let hint = try #require(try await h.exchange(try await h.code(cookie: cookie)).json["id_token"] as? String)
            let header = try JSONDecoder().decode([String: String].self, from: Data(Base64URL.decode(String(hint.split(separator: ".")[0]))!))
            let kid = try #require(header["kid"])
            let payload = Data(Base64URL.decode(String(hint.split(separator: ".")[1]))!)
            let forged = try JWS.compact(payload: payload, signer: SigningKeyMaterial.generate(.rs256).signer(kid: kid))
            let answer = try await h.get(
                "/logout?" + OIDCHarness.encode(["id_token_hint": forged, "post_logout_redirect_uri": "https://portal.example.se/bye"]), cookie: cookie)
            #expect(answer.status == .badRequest)
            #expect(answer.location == nil)
        }
    }

    @Test func aHintFromAnotherSessionAsksForConfirmation() async throws {
        try await OIDCHarness.run { h in
            let old = try await h.login()
            let hint = try #require(try await h.exchange(try await h.code(cookie: old)).json["id_token"] as? String)
            let current = try await h.login()
            let answer = try await h.get("/logout?" + OIDCHarness.encode(["id_token_hint": hint]), cookie: current)
            #expect(answer.status == .ok)
            #expect(answer.body.contains(#"name="confirm""#))
            #expect(try await h.authorize(["prompt": "none"], cookie: current).redirectParameters["code"] != nil, "still logged in")
        }
    }

    @Test func anAccessTokenIsNotAnIDTokenHint() async throws {
        try await OIDCHarness.run { h in
            let cookie = try await h.login()
            let access = try #require(try await h.exchange(try await h.code(cookie: cookie)).json["access_token"] as? String)
            let answer = try await h.get("/logout?" + OIDCHarness.encode(["id_token_hint": access]), cookie: cookie)
            #expect(answer.status == .badRequest)
        }
    }

    @Test func onHTTPSTheCookiesAreHostPrefixedAndSecure() async throws {
        try await OIDCHarness.run(["issuer": "https://login.example.se"], loginMethods: { _ in [ImmediateLoginMethod()] }) { h in
            let location = try #require(try await h.get("/authorize?" + OIDCHarness.encode([
                "client_id": OIDCHarness.confidential, "redirect_uri": OIDCHarness.redirect, "response_type": "code", "scope": "openid",
                "code_challenge": PKCEPair.standard.challenge, "code_challenge_method": "S256",
            ])).location)
            let pendingID = String(location.dropFirst("/login?request=".count))
            let login = try await h.get("/login/test?request=\(pendingID)&account=\(OIDCHarness.accountID)")
            let session = try #require(login.headers[values: .setCookie].first { $0.hasPrefix("__Host-portvakt-session=") })
            #expect(session.contains("Secure") && session.contains("HttpOnly") && session.contains("Path=/"))
            #expect(!session.contains("Domain"))
            #expect(login.headers[.strictTransportSecurity] != nil)
        }
    }

    @Test func corsCoversUserinfoAndRefusesStrangersPreflight() async throws {
        try await OIDCHarness.run { h in
            let tokens = try await h.exchange(try await h.code())
            let userinfo = try await h.get("/userinfo", headers: [
                .authorization: "Bearer \(tokens.json["access_token"] as! String)", .origin: "https://portal.example.se",
            ])
            #expect(userinfo.headers[.accessControlAllowOrigin] == "https://portal.example.se")
            #expect(userinfo.headers[.accessControlExposeHeaders] == "WWW-Authenticate")
            let stranger = try await h.client.execute(
                uri: "/token", method: .options, headers: [.origin: "https://evil.example", .accessControlRequestMethod: "POST"]) { $0 }
            #expect(stranger.headers[.accessControlAllowOrigin] == nil)
        }
    }
}
