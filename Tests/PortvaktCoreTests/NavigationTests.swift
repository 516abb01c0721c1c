import PortvaktCore
import Testing

@Suite struct ReturnTargetTests {
    @Test(arguments: [
        "/account", "/account/businesses/0123436", "/invitations/accept?token=abc-DEF_123", "/account/businesses?lang=en",
        "/account/businesses/link?token=x%2By",
    ])
    func aPathOfThisServerIsATarget(_ path: String) {
        #expect(ReturnTarget(path)?.path == path)
    }

    @Test(arguments: [
        // Other origins, and the ways browsers read a path as one.
        "https://evil.example/", "http:/evil.example", "//evil.example", "//evil.example/account", "/\\evil.example", "\\\\evil.example",
        "/\\/evil.example", "/account\\..\\..\\evil", "javascript:alert(1)", "evil.example/account", "account",
        // Encoded tricks: slashes and backslashes that appear after decoding, once or twice.
        "/%2F%2Fevil.example", "/%2f/evil.example", "/%5Cevil.example", "/%252F%252Fevil.example", "/%255Cevil.example",
        "/account%0d%0aSet-Cookie:x=1", "/account%00", "/acc ount", "/account\t", "/a\u{202E}b",
        "/redirect?to=https://evil.example",
        // Dot segments browsers resolve into the flows.
        "/./logout", "/%2e/login", "/x/../authorize", "/account/..",
        // The flows themselves never are targets (no loops).
        "/login", "/login/password?request=x", "/signup", "/authorize?client_id=x", "/logout", "/consent", "/password/reset", "/language?lang=en",
        "", "/" + String(repeating: "a", count: 600),
    ])
    func anythingElseIsRefused(_ raw: String) {
        #expect(ReturnTarget(raw) == nil, "\(raw)")
    }

    @Test func theLanguageSwitchMayGoBackToTheLoginPages() {
        #expect(ReturnTarget("/login/password?request=x&lang=sv", flowPages: true) != nil)
        #expect(ReturnTarget("//evil.example", flowPages: true) == nil)
        #expect(ReturnTarget(nil) == nil)
    }
}

@Suite struct PageLanguageOrderTests {
    struct Case: Sendable, CustomStringConvertible {
        var explicit: String?
        var chosen: String?
        var uiLocales: [String]
        var account: String?
        var accept: String?
        var expected: PageLanguage
        var description: String { "\(explicit ?? "-") \(chosen ?? "-") \(uiLocales) \(account ?? "-") \(accept ?? "-") → \(expected)" }
    }

    @Test(arguments: [
        Case(explicit: "en", chosen: "sv", uiLocales: ["sv"], account: "sv-SE", accept: "sv", expected: .en),
        Case(explicit: nil, chosen: "en", uiLocales: ["sv"], account: "sv-SE", accept: "sv", expected: .en),
        Case(explicit: "xx", chosen: "en", uiLocales: ["sv"], account: nil, accept: nil, expected: .en),
        Case(explicit: nil, chosen: nil, uiLocales: ["fr", "en-GB"], account: "sv-SE", accept: "sv", expected: .en),
        Case(explicit: nil, chosen: nil, uiLocales: [], account: "en", accept: "sv-SE,sv;q=0.9", expected: .en),
        Case(explicit: nil, chosen: nil, uiLocales: ["de"], account: "sv-SE", accept: "en", expected: .sv),
        Case(explicit: nil, chosen: nil, uiLocales: [], account: nil, accept: "en-US,en;q=0.9,sv;q=0.8", expected: .en),
        Case(explicit: nil, chosen: nil, uiLocales: [], account: nil, accept: "fr, de;q=0.5", expected: .sv),
        Case(explicit: nil, chosen: nil, uiLocales: [], account: nil, accept: nil, expected: .sv),
    ])
    func theExplicitChoiceThenUILocalesThenTheAccountThenTheBrowser(_ c: Case) {
        #expect(PageLanguage.choose(explicit: c.explicit, chosen: c.chosen, uiLocales: c.uiLocales, accountLocale: c.account, acceptLanguage: c.accept) == c.expected)
    }
}
