import Foundation
import Testing

@testable import PortvaktCore

/// Each rule of the authorization endpoint on its own, with good and bad input: no HTTP, no store.
@Suite struct AuthorizationChecksTests {
    static let challenge = Base64URL.encode(Digest.sha256("a-verifier-of-forty-three-characters-or-more-0123"))

    let client = ClientRegistration(
        id: "portal", name: "Mina sidor", redirectURIs: ["https://portal.example.se/cb"],
        scopes: ["openid", "profile", "email", "memberships", "business"], createdAt: Date(timeIntervalSince1970: 0))

    /// A good request, changed: a nil value removes the parameter.
    func parameters(_ changes: [String: String?] = [:]) -> [String: String] {
        var parameters = [
            "client_id": "portal", "redirect_uri": "https://portal.example.se/cb", "response_type": "code", "scope": "openid profile",
            "state": "s1", "nonce": "n1", "code_challenge": Self.challenge, "code_challenge_method": "S256",
        ]
        for (name, value) in changes { parameters[name] = value }
        return parameters
    }

    func parse(_ changes: [String: String?] = [:], client: ClientRegistration? = nil) -> Result<AuthorizationRequest, OAuthError> {
        AuthorizationChecks.parse(parameters(changes), client: client ?? self.client, redirectURI: "https://portal.example.se/cb")
    }

    func error(_ changes: [String: String?], client: ClientRegistration? = nil) -> OAuthError? {
        guard case .failure(let error) = parse(changes, client: client) else { return nil }
        return error
    }

    // MARK: - Client and redirect URI (never redirected)

    @Test(arguments: [
        (["client_id": nil], "the request has no client_id"),
        (["client_id": ""], "the request has no client_id"),
        (["client_id": "other"], "no client is registered with the id other"),
        (["redirect_uri": nil], "the request has no redirect_uri"),
        (["redirect_uri": "https://portal.example.se/cb/"], "the redirect_uri is not registered for this client"),
        (["redirect_uri": "https://portal.example.se/CB"], "the redirect_uri is not registered for this client"),
    ] as [([String: String?], String)])
    func anUnknownClientOrRedirectURIIsShownNotRedirected(_ changes: [String: String?], description: String) {
        guard case .failure(let error) = AuthorizationChecks.checkClientAndRedirectURI(parameters(changes), client: client) else {
            Issue.record("accepted \(changes)")
            return
        }
        #expect(error.description == description)
        #expect(error.code == "invalid_request" && !error.mayRedirect)
    }

    @Test func noRegisteredClientAndAClientWithoutTheCodeGrantAreRefused() {
        #expect(throws: Never.self) { try AuthorizationChecks.checkClientAndRedirectURI(parameters(), client: client).get() }
        let missing = AuthorizationChecks.checkClientAndRedirectURI(parameters(), client: nil)
        #expect(missing.refusal?.mayRedirect == false)
        var machine = client
        machine.grantTypes = [.clientCredentials]
        #expect(AuthorizationChecks.checkClientAndRedirectURI(parameters(), client: machine).refusal
            == .invalidClientForRedirect("this client may not use the authorization code flow"))
    }

    @Test func theCheckedClientAndRedirectURIComeBack() throws {
        let (checked, redirectURI) = try AuthorizationChecks.checkClientAndRedirectURI(parameters(), client: client).get()
        #expect(checked == client && redirectURI == "https://portal.example.se/cb")
    }

    // MARK: - The request's parameters (redirected)

    @Test(arguments: [
        (["request": "eyJ..."], "request_not_supported"),
        (["request_uri": "https://portal.example.se/r"], "request_uri_not_supported"),
        (["response_type": nil], "invalid_request"),
        (["response_type": "token"], "unsupported_response_type"),
        (["response_type": "code id_token"], "unsupported_response_type"),
        (["scope": "profile"], "invalid_scope"),
        (["scope": nil], "invalid_scope"),
        (["scope": "openid ssn"], "invalid_scope"),
        (["scope": "openid business business:0123436"], "invalid_scope"),
        (["scope": "openid business:0123436 business:0200001"], "invalid_scope"),
        (["code_challenge": nil, "code_challenge_method": "S256"], "invalid_request"),
        (["code_challenge": AuthorizationChecksTests.challenge, "code_challenge_method": "plain"], "invalid_request"),
        (["code_challenge": AuthorizationChecksTests.challenge, "code_challenge_method": nil], "invalid_request"),
        (["code_challenge": "short", "code_challenge_method": "S256"], "invalid_request"),
        (["prompt": "nothing"], "invalid_request"),
        (["prompt": "none login"], "invalid_request"),
        (["max_age": "-1"], "invalid_request"),
        (["max_age": "ten"], "invalid_request"),
        (["claims": "not json"], "invalid_request"),
        (["claims": #"{"id_token": ["email"]}"#], "invalid_request"),
        (["claims": #"{"userinfo": "email"}"#], "invalid_request"),
        (["response_mode": "fragment"], "invalid_request"),
        (["response_mode": "form_post"], "invalid_request"),
    ] as [([String: String?], String)])
    func aBadParameterIsRedirectedWithItsError(_ changes: [String: String?], code: String) {
        let error = error(changes)
        #expect(error?.code == code)
        #expect(error?.mayRedirect == true)
    }

    @Test func requestObjectsAreCheckedFirst() {
        #expect(error(["request": "x", "response_type": "token"])?.code == "request_not_supported")
    }

    @Test func aGoodRequestKeepsEveryParameter() throws {
        let request = try parse([
            "scope": "openid profile openid email", "prompt": "login consent", "max_age": "300", "login_hint": "anna@example.se",
            "acr_values": "urn:bankid urn:password", "ui_locales": "en sv", "display": "page", "code_challenge": Self.challenge,
            "code_challenge_method": "S256", "claims": #"{"id_token": {"email": null, "name": {"essential": true}}, "userinfo": {"locale": null}}"#,
            "response_mode": "query",
        ]).get()
        #expect(request.clientID == "portal" && request.redirectURI == "https://portal.example.se/cb")
        #expect(request.scopes == ["openid", "profile", "email"], "duplicates dropped, order kept")
        #expect(request.state == "s1" && request.nonce == "n1")
        #expect(request.prompts == [.login, .consent] && request.maxAge == 300)
        #expect(request.loginHint == "anna@example.se" && request.acrValues == ["urn:bankid", "urn:password"])
        #expect(request.uiLocales == ["en", "sv"] && request.display == "page")
        #expect(request.codeChallenge == Self.challenge)
        #expect(request.idTokenClaims == ["email", "name"] && request.userinfoClaims == ["locale"])
        #expect(request.hintedSubject == nil)
    }

    @Test func theLeastRequestHasNoOptions() throws {
        var legacy = client
        legacy.requiresPKCE = false
        let request = try parse(["state": nil, "nonce": nil, "code_challenge": nil, "code_challenge_method": nil], client: legacy).get()
        #expect(request.scopes == ["openid", "profile"] && request.state == nil && request.nonce == nil)
        #expect(request.prompts.isEmpty && request.maxAge == nil && request.codeChallenge == nil)
        #expect(request.idTokenClaims.isEmpty && request.userinfoClaims.isEmpty)
    }

    @Test func promptNoneAloneAndMaxAgeZeroAreGood() throws {
        #expect(try parse(["prompt": "none"]).get().prompts == [.none])
        #expect(try parse(["prompt": "select_account"]).get().prompts == [.selectAccount])
        #expect(try parse(["max_age": "0"]).get().maxAge == 0)
        #expect(try parse(["claims": #"{"id_token": null}"#]).get().idTokenClaims == [])
    }

    /// RFC 9700 §2.1.1: every client, confidential or public, unless a confidential one is registered without.
    @Test func everyClientMustUsePKCEUnlessRegisteredWithout() throws {
        let without: [String: String?] = ["code_challenge": nil, "code_challenge_method": nil]
        let required = OAuthError.invalidRequest("PKCE is required: send code_challenge with code_challenge_method=S256")
        var spa = client
        spa.authMethod = .none
        #expect(error(without, client: spa) == required)
        #expect(error(without) == required, "a confidential client too")
        var legacy = client
        legacy.requiresPKCE = false
        #expect(try parse(without, client: legacy).get().codeChallenge == nil)
        spa.requiresPKCE = false
        #expect(error(without, client: spa) == required, "a public client cannot opt out")
        #expect(try parse([:], client: spa).get().codeChallenge == Self.challenge)
    }

    @Test func scopesTheClientMayNotAskForAreNamed() {
        #expect(error(["scope": "openid ssn memberships:manage"]) == .invalidScope("the client may not ask for ssn memberships:manage"))
    }

    @Test func offlineAccessComesWithTheRefreshGrant() throws {
        #expect(try parse(["scope": "openid offline_access"]).get().scopes == ["openid", "offline_access"])
        var noRefresh = client
        noRefresh.grantTypes = [.authorizationCode]
        #expect(error(["scope": "openid offline_access"], client: noRefresh)?.code == "invalid_scope")
    }

    @Test func aNamedBusinessComesWithTheBusinessScope() throws {
        #expect(try parse(["scope": "openid business:0123436"]).get().scopes == ["openid", "business:0123436"])
        #expect(try parse(["scope": "openid memberships business"]).get().scopes == ["openid", "memberships", "business"])
        var noBusiness = client
        noBusiness.scopes = ["openid", "memberships"]
        #expect(error(["scope": "openid business:0123436"], client: noBusiness)?.code == "invalid_scope")
        #expect(error(["scope": "openid business:12"])?.code == "invalid_scope", "not a customer number")
        #expect(error(["scope": "openid business business:0123436"]) == .invalidScope("ask for one business at a time"))
    }

    @Test func wordsSplitOnSpacesOnly() {
        #expect(AuthorizationChecks.words("openid  profile email") == ["openid", "profile", "email"])
        #expect(AuthorizationChecks.words(nil) == [] && AuthorizationChecks.words("") == [])
        #expect(AuthorizationChecks.words("a\tb") == ["a\tb"])
    }
}

extension Result {
    var refusal: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

@Suite struct AuthorizationRequestBoundsTests {
    let client = ClientRegistration(
        id: "portal", name: "Mina sidor", redirectURIs: ["https://portal.example.se/cb"], firstParty: true, createdAt: Date(timeIntervalSince1970: 0))

    func parse(_ extra: [String: String]) -> Result<AuthorizationRequest, OAuthError> {
        var parameters = [
            "client_id": "portal", "redirect_uri": "https://portal.example.se/cb", "response_type": "code", "scope": "openid",
            "code_challenge": String(repeating: "a", count: 43), "code_challenge_method": "S256",
        ]
        parameters.merge(extra) { $1 }
        return AuthorizationChecks.parse(parameters, client: client, redirectURI: "https://portal.example.se/cb")
    }

    @Test(arguments: [("state", 512), ("nonce", 512), ("login_hint", 512), ("claims", 2048)])
    func aParameterLongerThanItsBoundIsInvalid(_ name: String, _ limit: Int) throws {
        if case .failure(let error) = parse([name: String(repeating: "x", count: limit + 1)]) {
            #expect(error.code == "invalid_request" && error.description.contains(name) && !error.mayRedirect, "an error page, not a redirect")
        } else {
            Issue.record("\(name) longer than \(limit) was accepted")
        }
        if name != "claims" { #expect((try? parse([name: String(repeating: "x", count: limit)]).get()) != nil) }
    }

    @Test func onlyKnownClaimNamesAreKept() throws {
        let request = try parse(["claims": #"{"userinfo":{"email":null,"x-unknown":null},"id_token":{"name":{"essential":true},"zz":null}}"#]).get()
        #expect(request.userinfoClaims == ["email"] && request.idTokenClaims == ["name"])
    }
}
