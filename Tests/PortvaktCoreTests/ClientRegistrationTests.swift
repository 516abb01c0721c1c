import Foundation
import Testing

@testable import PortvaktCore

@Suite struct ClientRegistrationTests {
    func client(_ change: (inout ClientRegistration) -> Void = { _ in }) -> ClientRegistration {
        var client = ClientRegistration(id: "portal", name: "Mina sidor", redirectURIs: ["https://portal.example.se/cb"], createdAt: Date())
        change(&client)
        return client
    }

    func field(_ client: ClientRegistration) -> String? {
        #expect(throws: ClientValidationError.self) { try client.validate() }?.field
    }

    @Test func aSensibleRegistrationIsValid() throws {
        try client().validate()
        try client { $0.redirectURIs = ["http://127.0.0.1:3000/cb", "http://localhost:8081/x", "http://[::1]:9000/cb"] }.validate()
    }

    @Test(arguments: [
        "portal.example.se/cb", "/cb", "https://portal.example.se/cb#frag", "http://portal.example.se/cb", "ftp://x.example/cb",
        "https://*.example.se/cb", "https://user:pw@portal.example.se/cb",
    ])
    func redirectURIsMustBeAbsoluteHTTPSWithoutFragmentExceptOnLoopback(_ uri: String) {
        #expect(field(client { $0.redirectURIs = [uri] }) == "--redirect-uri")
    }

    @Test func postLogoutRedirectURIsFollowTheSameRules() {
        #expect(field(client { $0.postLogoutRedirectURIs = ["http://portal.example.se/"] }) == "--post-logout-redirect-uri")
    }

    @Test func everyClientRequiresPKCEAndAPublicOneCannotOptOut() throws {
        #expect(client().requiresPKCE)
        try client { $0.requiresPKCE = false }.validate()
        #expect(field(client { $0.authMethod = .none; $0.requiresPKCE = false }) == "--no-pkce")
        // Always a refresh token: a first-party client with the refresh grant only.
        try client { $0.firstParty = true; $0.alwaysRefreshToken = true }.validate()
        #expect(field(client { $0.alwaysRefreshToken = true }) == "--always-refresh-token")
        #expect(field(client { $0.firstParty = true; $0.alwaysRefreshToken = true; $0.grantTypes = [.authorizationCode] }) == "--always-refresh-token")
        var portal = client { $0.firstParty = true; $0.alwaysRefreshToken = true }
        #expect(RefreshTokenRule.issuesRefreshToken(grantedScopes: ["openid"], client: portal))
        portal.firstParty = false
        #expect(!RefreshTokenRule.issuesRefreshToken(grantedScopes: ["openid"], client: portal), "a third party needs offline_access")
        #expect(RefreshTokenRule.issuesRefreshToken(grantedScopes: ["openid", "offline_access"], client: portal))
    }

    @Test func theIDMustBeShortAndPlain() {
        #expect(field(client { $0.id = "" }) == "--id")
        #expect(field(client { $0.id = "has space" }) == "--id")
        #expect(field(client { $0.id = String(repeating: "a", count: 65) }) == "--id")
    }

    @Test func privateKeyJWTNeedsAnHTTPSJWKSURIAndOnlyItMayHaveOne() {
        #expect(field(client { $0.authMethod = .privateKeyJWT }) == "--jwks-uri")
        #expect(field(client { $0.authMethod = .privateKeyJWT; $0.jwksURI = "http://portal.example.se/jwks" }) == "--jwks-uri")
        #expect(field(client { $0.jwksURI = "https://portal.example.se/jwks" }) == "--jwks-uri")
    }

    @Test func grantsMustFitTheClient() {
        #expect(field(client { $0.authMethod = .none; $0.grantTypes = [.authorizationCode, .clientCredentials] }) == "--grant")
        #expect(field(client { $0.grantTypes = [.refreshToken] }) == "--grant")
        #expect(field(client { $0.grantTypes = [] }) == "--grant")
        #expect(field(client { $0.redirectURIs = [] }) == "--redirect-uri")
    }

    @Test func scopesMustBeKnownAndIncludeOpenIDForLogins() {
        #expect(field(client { $0.scopes = ["openid", "admin"] }) == "--scope")
        #expect(field(client { $0.scopes = ["email"] }) == "--scope")
    }
}

@Suite struct PKCETests {
    @Test func theRFC7636AppendixBVectorVerifies() {
        #expect(PKCE.verify(verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"))
        #expect(!PKCE.verify(verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXl", challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"))
    }

    @Test func verifiersMustHaveTheRightLengthAndAlphabet() {
        #expect(!PKCE.isValidVerifier(String(repeating: "a", count: 42)))
        #expect(PKCE.isValidVerifier(String(repeating: "a", count: 128)))
        #expect(!PKCE.isValidVerifier(String(repeating: "a", count: 129)))
        #expect(!PKCE.isValidVerifier(String(repeating: "å", count: 43)))
    }

    @Test func onlyS256ChallengesAreAccepted() {
        #expect((try? PKCE.checkChallenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", method: "S256").get()) != nil)
        #expect((try? PKCE.checkChallenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", method: nil).get()) == nil)
        #expect((try? PKCE.checkChallenge("short", method: "S256").get()) == nil)
        #expect((try? PKCE.checkChallenge(nil, method: "S256").get()) == nil)
    }
}

@Suite struct PageLanguageTests {
    @Test func uiLocalesWinThenAcceptLanguageThenSwedish() {
        #expect(PageLanguage.choose(uiLocales: ["de", "en-GB"], acceptLanguage: "sv") == .en)
        #expect(PageLanguage.choose(uiLocales: [], acceptLanguage: "de;q=1, en;q=0.8, sv;q=0.9") == .sv)
        #expect(PageLanguage.choose(uiLocales: [], acceptLanguage: "en-US,en;q=0.9") == .en)
        #expect(PageLanguage.choose(uiLocales: [], acceptLanguage: nil) == .sv)
        #expect(PageLanguage.choose(uiLocales: [], acceptLanguage: "en;q=0") == .sv)
    }
}

/// Back-channel logout registration and its retry schedule.
extension ClientRegistrationTests {
    @Test func theLogoutURIIsAnAbsoluteHTTPSURLWithoutAFragment() throws {
        try client { $0.backchannelLogoutURI = "https://portal.example.se/backchannel?x=1"; $0.backchannelLogoutSessionRequired = true }.validate()
        try client { $0.backchannelLogoutURI = "http://127.0.0.1:3000/backchannel" }.validate()
        for bad in ["http://portal.example.se/bcl", "https://portal.example.se/bcl#x", "/bcl", "https:///bcl"] {
            #expect(field(client { $0.backchannelLogoutURI = bad }) == "--backchannel-logout-uri", "\(bad)")
        }
        #expect(field(client { $0.backchannelLogoutSessionRequired = true }) == "--backchannel-logout-session-required")
    }

    @Test func retriesBackOffAndEnd() {
        let now = Date(timeIntervalSince1970: 0)
        #expect(BackchannelLogoutSchedule.nextAttempt(afterAttempts: 1, now: now) == now.addingTimeInterval(2))
        #expect(BackchannelLogoutSchedule.nextAttempt(afterAttempts: 3, now: now) == now.addingTimeInterval(8))
        #expect(BackchannelLogoutSchedule.nextAttempt(afterAttempts: 19, now: now) == now.addingTimeInterval(600))
        #expect(BackchannelLogoutSchedule.nextAttempt(afterAttempts: BackchannelLogoutSchedule.attempts, now: now) == nil)
    }
}
