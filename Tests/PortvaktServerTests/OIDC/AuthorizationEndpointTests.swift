import Foundation
import HTTPTypes
import PortvaktCore
import PortvaktStore
import Testing

@Suite struct AuthorizationEndpointTests {
    @Test func anUnknownClientGetsAnErrorPageNeverARedirect() async throws {
        try await OIDCHarness.run { h in
            let answer = try await h.authorize(["client_id": "nobody"], cookie: nil)
            #expect(answer.status == .badRequest)
            #expect(answer.location == nil)
            #expect(answer.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(answer.body.contains("nobody"))
        }
    }

    @Test func anUnregisteredRedirectURIGetsAnErrorPageNeverARedirect() async throws {
        try await OIDCHarness.run { h in
            for uri in ["https://evil.example/callback", OIDCHarness.redirect + "/", OIDCHarness.redirect + "?x=1"] {
                let answer = try await h.authorize(["redirect_uri": uri], cookie: nil)
                #expect(answer.status == .badRequest, "\(uri)")
                #expect(answer.location == nil)
            }
        }
    }

    @Test func errorsAfterTheRedirectURIIsKnownAreRedirectedWithStateAndIss() async throws {
        try await OIDCHarness.run { h in
            let answer = try await h.authorize(["response_type": "token"], cookie: nil)
            #expect(answer.status == .found)
            #expect(answer.location?.hasPrefix(OIDCHarness.redirect + "?") == true)
            #expect(answer.redirectParameters["error"] == "unsupported_response_type")
            #expect(answer.redirectParameters["error_description"] != nil)
            #expect(answer.redirectParameters["state"] == "st-123")
            #expect(answer.redirectParameters["iss"] == "http://localhost:8080")
        }
    }

    @Test func plainPKCEIsRefused() async throws {
        try await OIDCHarness.run { h in
            let answer = try await h.authorize(["code_challenge_method": "plain"], cookie: nil)
            #expect(answer.redirectParameters["error"] == "invalid_request")
        }
    }

    @Test func publicClientsMustUsePKCE() async throws {
        try await OIDCHarness.run { h in
            let answer = try await h.authorize(
                ["client_id": OIDCHarness.publicClient, "redirect_uri": "http://127.0.0.1:5173/cb", "code_challenge": nil, "code_challenge_method": nil],
                cookie: try await h.login())
            #expect(answer.redirectParameters["error"] == "invalid_request")
        }
    }

    /// RFC 9700 §2.1.1: PKCE for every client, confidential ones too, unless the registration opts out.
    @Test func confidentialClientsMustUsePKCETooUnlessRegisteredWithout() async throws {
        try await OIDCHarness.run { h in
            let cookie = try await h.login()
            let without: [String: String?] = ["code_challenge": nil, "code_challenge_method": nil]
            let confidential = try await h.authorize(without, cookie: cookie)
            #expect(confidential.redirectParameters["error"] == "invalid_request")
            #expect(confidential.redirectParameters["code"] == nil)
            let signed = try await h.authorize(
                without.merging(["client_id": OIDCHarness.assertionClient, "redirect_uri": "https://signed.example.se/cb"]) { $1 }, cookie: cookie)
            #expect(signed.redirectParameters["error"] == "invalid_request")
            let legacy = try await h.authorize(
                without.merging(["client_id": OIDCHarness.legacyClient, "redirect_uri": "https://legacy.example.se/cb"]) { $1 }, cookie: cookie)
            #expect(legacy.redirectParameters["code"] != nil, "registered with --no-pkce")
        }
    }

    @Test func requestObjectsAndRequestURIsAreAnsweredNotSupported() async throws {
        try await OIDCHarness.run { h in
            let request = try await h.authorize(["request": "eyJ.x.y"], cookie: nil)
            let requestURI = try await h.authorize(["request_uri": "https://x/r"], cookie: nil)
            #expect(request.redirectParameters["error"] == "request_not_supported")
            #expect(requestURI.redirectParameters["error"] == "request_uri_not_supported")
        }
    }

    @Test func openidScopeIsRequiredAndScopesMustBeAllowed() async throws {
        try await OIDCHarness.run { h in
            let withoutOpenID = try await h.authorize(["scope": "profile"], cookie: nil)
            let unknown = try await h.authorize(["scope": "openid admin"], cookie: nil)
            #expect(withoutOpenID.redirectParameters["error"] == "invalid_scope")
            #expect(unknown.redirectParameters["error"] == "invalid_scope")
        }
    }

    @Test func unknownParametersAreIgnored() async throws {
        try await OIDCHarness.run { h in
            let answer = try await h.authorize(["frobnicate": "yes"], cookie: try await h.login())
            #expect(answer.redirectParameters["code"] != nil)
        }
    }

    @Test func promptNoneWithoutASessionGivesLoginRequired() async throws {
        try await OIDCHarness.run { h in
            let answer = try await h.authorize(["prompt": "none"], cookie: nil)
            #expect(answer.redirectParameters["error"] == "login_required")
            #expect(answer.redirectParameters["state"] == "st-123")
        }
    }

    @Test func withoutASessionTheUserIsSentToTheLoginPageWithAnOpaqueRequestID() async throws {
        try await OIDCHarness.run { h in
            let answer = try await h.authorize([:], cookie: nil)
            let location = try #require(answer.location)
            #expect(location.hasPrefix("/login?request="))
            #expect(!location.contains("redirect_uri") && !location.contains("client_id"))
            let page = try await h.get(location)
            #expect(page.status == .ok)
            #expect(page.body.contains("<html lang=\"sv\">"))
            #expect(page.body.contains("E-post och lösenord"), "the built-in e-mail and password login is listed")
            #expect(page.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            #expect(page.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
        }
    }

    @Test func theLoginPageSpeaksEnglishWhenAsked() async throws {
        try await OIDCHarness.run { h in
            let location = try #require(try await h.authorize(["ui_locales": "en-GB sv"], cookie: nil).location)
            #expect(try await h.get(location).body.contains("<html lang=\"en\">"))
            let location2 = try #require(try await h.authorize([:], cookie: nil).location)
            #expect(try await h.get(location2, headers: [.acceptLanguage: "en-US,en;q=0.9"]).body.contains("<html lang=\"en\">"))
        }
    }

    @Test func firstPartyClientsSkipConsentAndGetACodeWithStateAndIss() async throws {
        try await OIDCHarness.run { h in
            let answer = try await h.authorize([:], cookie: try await h.login())
            #expect(answer.status == .found)
            let parameters = answer.redirectParameters
            #expect(parameters["code"]?.count ?? 0 >= 43)
            #expect(parameters["state"] == "st-123")
            #expect(parameters["iss"] == "http://localhost:8080")
        }
    }

    @Test func promptNoneThatNeedsConsentGivesConsentRequired() async throws {
        try await OIDCHarness.run { h in
            let answer = try await h.authorize(
                ["client_id": OIDCHarness.thirdParty, "redirect_uri": "https://partner.example.com/cb", "prompt": "none"],
                cookie: try await h.login())
            #expect(answer.redirectParameters["error"] == "consent_required")
        }
    }

    @Test func thirdPartyClientsAskForConsentInPlainLanguageAndTheGrantIsRemembered() async throws {
        try await OIDCHarness.run { h in
            let cookie = try await h.login()
            let third = ["client_id": OIDCHarness.thirdParty, "redirect_uri": "https://partner.example.com/cb"]
            let location = try #require(try await h.authorize(third, cookie: cookie).location)
            #expect(location.hasPrefix("/consent?request="))
            let page = try await h.get(location, cookie: cookie)
            #expect(page.body.contains("Partnerappen"))
            #expect(page.body.contains("Din e-postadress"))
            let requestID = String(location.dropFirst("/consent?request=".count))
            let csrf = try #require(page.body.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1)
            let approved = try await h.post("/consent", form: ["request": requestID, "csrf": String(csrf), "decision": "approve"], cookie: cookie)
            let resume = try #require(approved.location)
            let final = try await h.get(resume, cookie: cookie)
            #expect(final.redirectParameters["code"] != nil)
            #expect(final.location?.hasPrefix("https://partner.example.com/cb?") == true)
            // Remembered: the next request goes straight through, even silently.
            let again = try await h.authorize(third.merging(["prompt": "none"]) { $1 }, cookie: cookie)
            #expect(again.redirectParameters["code"] != nil)
        }
    }

    @Test func consentWithoutTheSessionsCSRFTokenIsRefused() async throws {
        try await OIDCHarness.run { h in
            let cookie = try await h.login()
            let location = try #require(try await h.authorize(
                ["client_id": OIDCHarness.thirdParty, "redirect_uri": "https://partner.example.com/cb"], cookie: cookie).location)
            let requestID = String(location.dropFirst("/consent?request=".count))
            let forged = try await h.post("/consent", form: ["request": requestID, "csrf": "forged", "decision": "approve"], cookie: cookie)
            #expect(forged.status == .badRequest)
            #expect(try await h.services.store.consentedScopes(accountID: OIDCHarness.accountID, clientID: OIDCHarness.thirdParty).isEmpty)
        }
    }

    @Test func denyingConsentRedirectsAccessDenied() async throws {
        try await OIDCHarness.run { h in
            let cookie = try await h.login()
            let location = try #require(try await h.authorize(
                ["client_id": OIDCHarness.thirdParty, "redirect_uri": "https://partner.example.com/cb"], cookie: cookie).location)
            let page = try await h.get(location, cookie: cookie)
            let csrf = try #require(page.body.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1)
            let denied = try await h.post(
                "/consent", form: ["request": String(location.dropFirst("/consent?request=".count)), "csrf": String(csrf), "decision": "deny"],
                cookie: cookie)
            #expect(denied.redirectParameters["error"] == "access_denied")
            #expect(denied.redirectParameters["state"] == "st-123")
        }
    }

    @Test func maxAgeForcesAFreshLogin() async throws {
        try await OIDCHarness.run { h in
            let cookie = try await h.login(authTime: h.clock.now.addingTimeInterval(-2))
            let answer = try await h.authorize(["max_age": "1"], cookie: cookie)
            #expect(answer.location?.hasPrefix("/login?request=") == true)
            #expect(try await h.authorize(["max_age": "1", "prompt": "none"], cookie: cookie).redirectParameters["error"] == "login_required")
            #expect(try await h.authorize(["max_age": "60"], cookie: cookie).redirectParameters["code"] != nil)
        }
    }

    @Test func promptLoginForcesAFreshLogin() async throws {
        try await OIDCHarness.run { h in
            let cookie = try await h.login(authTime: h.clock.now.addingTimeInterval(-30))
            #expect(try await h.authorize(["prompt": "login"], cookie: cookie).location?.hasPrefix("/login?request=") == true)
        }
    }

    @Test func promptNoneCannotBeCombined() async throws {
        try await OIDCHarness.run { h in
            let answer = try await h.authorize(["prompt": "none login"], cookie: nil)
            #expect(answer.redirectParameters["error"] == "invalid_request")
        }
    }

    @Test func anIDTokenHintForAnotherUserWithPromptNoneGivesLoginRequired() async throws {
        try await OIDCHarness.run { h in
            try await h.services.store.createAccount(Account(
                id: "acc-bo", email: "bo@example.se", emailVerified: true, givenName: "Bo", familyName: "Ek", locale: nil, createdAt: h.clock.now))
            let tokens = try await h.exchange(try await h.code(cookie: try await h.login("acc-bo")))
            let hint = try #require(tokens.json["id_token"] as? String)
            let answer = try await h.authorize(["prompt": "none", "id_token_hint": hint], cookie: try await h.login())
            #expect(answer.redirectParameters["error"] == "login_required")
            let forged = try await h.authorize(["id_token_hint": hint + "x"], cookie: nil)
            #expect(forged.redirectParameters["error"] == "invalid_request")
        }
    }

    @Test func aSessionPastItsIdleTimeoutIsNoSession() async throws {
        try await OIDCHarness.run(["sessions": ["idle_timeout": 60]]) { h in
            let cookie = try await h.login()
            h.clock.advance(61)
            #expect(try await h.authorize(["prompt": "none"], cookie: cookie).redirectParameters["error"] == "login_required")
        }
    }

    @Test func formEncodedQueriesAreReadWithPlusAsSpace() async throws {
        try await OIDCHarness.run { h in
            let cookie = try await h.login()
            let challenge = PKCEPair.standard.challenge
            let answer = try await h.get(
                "/authorize?client_id=portal&redirect_uri=https%3A%2F%2Fportal.example.se%2Fcallback&response_type=code"
                    + "&scope=openid+profile+email&state=s+1&code_challenge=\(challenge)&code_challenge_method=S256", cookie: cookie)
            #expect(answer.redirectParameters["code"] != nil)
            #expect(answer.redirectParameters["state"] == "s 1")
        }
    }

}
