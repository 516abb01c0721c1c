import Foundation
import Testing

@testable import PortvaktCore

/// `nextStep` as a table: every input is a plain value, so each row is one situation of the authorization
/// endpoint and the step it must lead to.
@Suite struct AuthorizationDecisionTests {
    static let startedAt = Date(timeIntervalSince1970: 1_800_000_000)
    static let now = startedAt.addingTimeInterval(20)

    /// When the session's login happened.
    enum Login: Sendable { case none, duringThisRequest, twoMinutesBefore }
    enum Hint: Sendable { case none, sameUser, otherUser }
    enum Consent: Sendable, CaseIterable { case remembered, givenNow, missing }
    enum Expected: Sendable, Equatable {
        case login, consent, chooseBusiness, onboard(String?), code([String]), error(String)
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var scope = "openid profile"
        var prompts: Set<AuthorizationRequest.Prompt> = []
        var maxAge: Int? = nil
        var login = Login.twoMinutesBefore
        var hint = Hint.none
        var consent = Consent.remembered
        var firstParty = false
        /// How many active businesses the account has: 0123436, 0200001, 0300001 in turn.
        var businesses = 0
        var expected: Expected

        var testDescription: String { name }
    }

    static func memberships(_ count: Int) -> [ActiveMembership] {
        ["0123436", "0200001", "0300001"].prefix(count).compactMap { number in
            ActiveMembership(
                business: Business(
                    customerNumber: number, name: "Business \(number)", kind: .retailer, registeredEmail: "info@\(number).se", pinHash: nil,
                    activatedAt: startedAt.addingTimeInterval(-86_400), createdAt: startedAt.addingTimeInterval(-86_400 * 7)),
                role: .admin)
        }
    }

    static func step(_ row: Row) -> AuthorizationStep {
        let hinted: String? = switch row.hint {
        case .none: nil
        case .sameUser: "acc-1"
        case .otherUser: "acc-2"
        }
        let request = AuthorizationRequest(
            clientID: "portal", redirectURI: "https://portal.example.se/cb", scopes: AuthorizationChecks.words(row.scope), prompts: row.prompts,
            maxAge: row.maxAge, hintedSubject: hinted)
        let session: SessionView? = switch row.login {
        case .none: nil
        case .duringThisRequest: SessionView(accountID: "acc-1", sid: "sid-1", authTime: startedAt.addingTimeInterval(10))
        case .twoMinutesBefore: SessionView(accountID: "acc-1", sid: "sid-1", authTime: startedAt.addingTimeInterval(-100))
        }
        let client = ClientRegistration(
            id: "portal", name: "Mina sidor", redirectURIs: ["https://portal.example.se/cb"], firstParty: row.firstParty, createdAt: startedAt)
        return request.nextStep(
            session: session, client: client, startedAt: startedAt,
            consentedScopes: row.consent == .remembered ? Set(request.scopes) : [], consentGiven: row.consent == .givenNow,
            businesses: memberships(row.businesses), now: now)
    }

    static func expected(_ step: AuthorizationStep) -> Expected {
        switch step {
        case .login: .login
        case .consent: .consent
        case .chooseBusiness: .chooseBusiness
        case .onboardBusiness(let number): .onboard(number)
        case .issueCode(_, let scopes): .code(scopes)
        case .fail(let error): .error(error.code)
        }
    }

    static let rows: [Row] = [
        // Login (OpenID Connect Core §3.1.2.3)
        Row(name: "nobody logged in", login: .none, expected: .login),
        Row(name: "nobody logged in, prompt=none", prompts: [.none], login: .none, expected: .error("login_required")),
        Row(name: "logged in, consent remembered", expected: .code(["openid", "profile"])),
        Row(name: "prompt=none with everything in place", prompts: [.none], expected: .code(["openid", "profile"])),
        Row(name: "prompt=login, logged in before", prompts: [.login], expected: .login),
        Row(name: "prompt=login, logged in during this request", prompts: [.login], login: .duringThisRequest, expected: .code(["openid", "profile"])),
        Row(name: "prompt=select_account, logged in before", prompts: [.selectAccount], expected: .login),
        Row(name: "prompt=select_account, chosen during this request", prompts: [.selectAccount], login: .duringThisRequest,
            expected: .code(["openid", "profile"])),
        Row(name: "max_age stale", maxAge: 60, expected: .login),
        Row(name: "max_age stale, prompt=none", prompts: [.none], maxAge: 60, expected: .error("login_required")),
        Row(name: "max_age fresh", maxAge: 600, expected: .code(["openid", "profile"])),
        Row(name: "max_age=0 after logging in during this request", maxAge: 0, login: .duringThisRequest, expected: .code(["openid", "profile"])),
        Row(name: "max_age stale, prompt=consent", prompts: [.consent], maxAge: 60, expected: .login),
        Row(name: "id_token_hint of the logged-in user", hint: .sameUser, expected: .code(["openid", "profile"])),
        Row(name: "id_token_hint of another user", hint: .otherUser, expected: .login),
        Row(name: "id_token_hint of another user, prompt=none", prompts: [.none], hint: .otherUser, expected: .error("login_required")),
        Row(name: "id_token_hint of another user, logged in during this request", login: .duringThisRequest, hint: .otherUser,
            expected: .code(["openid", "profile"])),
        // Consent (§3.1.2.4)
        Row(name: "consent missing", consent: .missing, expected: .consent),
        Row(name: "consent missing, prompt=none", prompts: [.none], consent: .missing, expected: .error("consent_required")),
        Row(name: "consent given for this request", consent: .givenNow, expected: .code(["openid", "profile"])),
        Row(name: "prompt=consent, consent remembered", prompts: [.consent], expected: .consent),
        Row(name: "prompt=consent, consent given for this request", prompts: [.consent], consent: .givenNow, expected: .code(["openid", "profile"])),
        Row(name: "first party, consent missing", consent: .missing, firstParty: true, expected: .code(["openid", "profile"])),
        Row(name: "first party, prompt=consent", prompts: [.consent], consent: .missing, firstParty: true, expected: .code(["openid", "profile"])),
        Row(name: "login comes before consent", login: .none, consent: .missing, expected: .login),
        // Businesses
        Row(name: "business, no active business: link one inside the flow", scope: "openid business", firstParty: true, expected: .onboard(nil)),
        Row(name: "business, no active business, prompt=none", scope: "openid business", prompts: [.none], firstParty: true,
            expected: .error("interaction_required")),
        Row(name: "business, one active business", scope: "openid business", firstParty: true, businesses: 1,
            expected: .code(["openid", "business:0123436"])),
        Row(name: "business, one active business, prompt=none", scope: "openid business", prompts: [.none], firstParty: true, businesses: 1,
            expected: .code(["openid", "business:0123436"])),
        Row(name: "business, several", scope: "openid business", firstParty: true, businesses: 3, expected: .chooseBusiness),
        Row(name: "business, several, prompt=none", scope: "openid business", prompts: [.none], firstParty: true, businesses: 3,
            expected: .error("interaction_required")),
        Row(name: "business, several, consent first", scope: "openid business", consent: .missing, businesses: 3, expected: .consent),
        Row(name: "business, several, login first", scope: "openid business", login: .none, businesses: 3, expected: .login),
        Row(name: "business:<n> of the account", scope: "openid business:0200001", firstParty: true, businesses: 3,
            expected: .code(["openid", "business:0200001"])),
        Row(name: "business:<n> of the account, prompt=none", scope: "openid business:0123436", prompts: [.none], firstParty: true,
            businesses: 1, expected: .code(["openid", "business:0123436"])),
        Row(name: "business:<n> not of the account: link it inside the flow", scope: "openid business:0300001", firstParty: true, businesses: 2,
            expected: .onboard("0300001")),
        Row(name: "business:<n> not of the account, prompt=none", scope: "openid business:0300001", prompts: [.none], firstParty: true,
            businesses: 2, expected: .error("interaction_required")),
        Row(name: "business:<n>, no active business", scope: "openid business:0123436", firstParty: true, expected: .onboard("0123436")),
        Row(name: "memberships, no business", scope: "openid memberships", firstParty: true, expected: .code(["openid", "memberships"])),
        Row(name: "memberships, no business, prompt=none", scope: "openid memberships", prompts: [.none], firstParty: true,
            expected: .code(["openid", "memberships"])),
        Row(name: "memberships, several", scope: "openid memberships", firstParty: true, businesses: 3, expected: .code(["openid", "memberships"])),
        Row(name: "memberships and business, one", scope: "openid memberships business offline_access", firstParty: true, businesses: 1,
            expected: .code(["openid", "memberships", "business:0123436", "offline_access"])),
        Row(name: "memberships and business, several", scope: "openid memberships business", firstParty: true, businesses: 2,
            expected: .chooseBusiness),
        Row(name: "third party, business, one, consent remembered", scope: "openid business", businesses: 1,
            expected: .code(["openid", "business:0123436"])),
    ]

    @Test(arguments: rows)
    func theStepOf(_ row: Row) {
        #expect(Self.expected(Self.step(row)) == row.expected)
    }

    @Test func theCodeIsForTheSessionAndThePickerOffersTheActiveBusinesses() {
        let session = SessionView(accountID: "acc-1", sid: "sid-1", authTime: Self.startedAt.addingTimeInterval(-100))
        #expect(Self.step(Row(name: "", expected: .login)) == .issueCode(session, scopes: ["openid", "profile"]))
        #expect(Self.step(Row(name: "", scope: "openid business", firstParty: true, businesses: 2, expected: .login))
            == .chooseBusiness(Self.memberships(2)))
    }

    @Test func theErrorsSayWhy() {
        func error(_ row: Row) -> OAuthError? {
            if case .fail(let error) = Self.step(row) { return error }
            return nil
        }
        #expect(error(Row(name: "", scope: "openid business", prompts: [.none], firstParty: true, businesses: 2, expected: .login))
            == .interactionRequired("the user must choose a business"))
        #expect(error(Row(name: "", scope: "openid business", prompts: [.none], firstParty: true, expected: .login))
            == .interactionRequired("the account has no active business"))
        #expect(error(Row(name: "", scope: "openid business:0300001", prompts: [.none], firstParty: true, businesses: 1, expected: .login))
            == .interactionRequired("the account is not a member of an active business 0300001"))
        #expect(error(Row(name: "", prompts: [.none], maxAge: 60, expected: .login)) == .loginRequired("the login is older than max_age"))
    }

    /// Every combination of the table's dimensions, checked against the rules that hold for all of them.
    @Test func rulesThatHoldForEveryCombination() {
        let prompts: [Set<AuthorizationRequest.Prompt>] = [[], [.none], [.login], [.consent], [.selectAccount]]
        let logins: [Login] = [.none, .duringThisRequest, .twoMinutesBefore]
        let scopes = ["openid", "openid memberships", "openid business", "openid business:0123436", "openid memberships business:0200001"]
        var count = 0
        for prompt in prompts {
            for login in logins {
                for maxAge in [nil, 60, 600] as [Int?] {
                    for hint in [Hint.none, .sameUser, .otherUser] {
                        for consent in Consent.allCases {
                            for firstParty in [false, true] {
                                for businesses in 0...3 {
                                    for scope in scopes {
                                        let row = Row(
                                            name: "", scope: scope, prompts: prompt, maxAge: maxAge, login: login, hint: hint, consent: consent,
                                            firstParty: firstParty, businesses: businesses, expected: .login)
                                        check(row, Self.step(row))
                                        count += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        #expect(count == 5 * 3 * 3 * 3 * 3 * 2 * 4 * 5)
    }

    func check(_ row: Row, _ step: AuthorizationStep) {
        let silent = row.prompts.contains(.none)
        let situation = "\(row.prompts) \(row.login) max_age \(row.maxAge.map(String.init) ?? "-") \(row.hint) \(row.consent) "
            + "firstParty \(row.firstParty) businesses \(row.businesses) \(row.scope) → \(step)"
        switch step {
        case .login:
            #expect(!silent, "prompt=none never shows a page: \(situation)")
        case .consent:
            #expect(!silent && !row.firstParty && row.consent != .givenNow, "\(situation)")
        case .chooseBusiness(let choices):
            #expect(!silent && row.scope.hasSuffix(" business") && choices.count > 1, "\(situation)")
        case .onboardBusiness:
            #expect(!silent && row.scope.contains("business") && row.login != .none, "\(situation)")
        case .issueCode(let session, let scopes):
            #expect(row.login != .none && session.accountID == "acc-1", "\(situation)")
            #expect(!scopes.contains("business"), "business is always narrowed: \(situation)")
            #expect(scopes.count == AuthorizationChecks.words(row.scope).count, "\(situation)")
            #expect(row.login == .duringThisRequest || row.maxAge != 60, "a stale login gets no code: \(situation)")
            #expect(row.login == .duringThisRequest || row.hint != .otherUser, "another user's hint gets no code: \(situation)")
        case .fail(let error):
            #expect(["interaction_required", "login_required", "consent_required"].contains(error.code), "\(situation)")
            #expect(silent, "only prompt=none answers with an error instead of a page: \(situation)")
        }
    }
}

@Suite struct AcrSatisfiedTests {
    static let supported: Set<String> = [
        "urn:grn:authn:se:bankid", "urn:grn:authn:se:bankid:same-device", "urn:grn:authn:se:bankid:another-device:qr",
        "urn:portvakt:acr:password-otp",
    ]

    @Test(arguments: [
        ([], "urn:portvakt:acr:password-otp", true),
        (["urn:grn:authn:se:bankid"], "urn:grn:authn:se:bankid:same-device", true),
        (["urn:grn:authn:se:bankid"], "urn:portvakt:acr:password-otp", false),
        (["urn:grn:authn:se:bankid:same-device"], "urn:grn:authn:se:bankid:another-device:qr", false),
        (["urn:grn:authn:se:bankid:another-device:qr", "urn:grn:authn:se:bankid:same-device"], "urn:grn:authn:se:bankid:same-device", true),
        (["urn:grn:authn:se:bankid", "urn:example:unknown"], "urn:portvakt:acr:password-otp", true),
        (["urn:grn:authn:se:bankid"], nil, false),
    ] as [([String], String?, Bool)])
    func onlyKnownValuesAskForAStepUp(_ requested: [String], _ acr: String?, _ satisfied: Bool) {
        let request = AuthorizationRequest(
            clientID: "portal", redirectURI: "https://portal.example.se/cb", scopes: ["openid"], state: nil, nonce: nil, codeChallenge: nil,
            acrValues: requested)
        #expect(request.acrSatisfied(by: acr, supported: Self.supported) == satisfied)
    }
}
