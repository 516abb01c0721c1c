@testable import PortvaktCore
import Testing

/// The general page texts come from `PageText.json` (a `TextCatalogue`): the file loads, every key it has is asked
/// for and every key asked for is in it, and every text comes out whole in both languages.
@Suite struct PageTextTests {
    @Test func theCatalogueHasEveryKeyInBothLanguagesWithTheSamePlaceholders() throws {
        let catalogue = try TextCatalogue(json: PageText.pageTextJSON, file: "PageText.json")
        #expect(catalogue.placeholders(of: "consentLead") == ["client"])
    }

    @Test func theAccessorsAskForExactlyTheCataloguesKeys() throws {
        try CatalogueSource.expectAsked(exactly: PageText.pageTexts.keys, by: "pageText", in: ["Sources/PortvaktCore/Pages/PageText.swift"])
    }

    @Test(arguments: PageLanguage.allCases)
    func everyTextComesOutWholeWithItsValuesFilledIn(_ language: PageLanguage) {
        let t = PageText(language)
        let scopes = ["openid", "profile", "email", "offline_access", "ssn", "memberships", "memberships:manage", "business"]
        let texts: [String] = [
            t.errorTitle,
            t.errorLead,
            t.loginTitle,
            t.loginLead,
            t.noLoginMethods,
            t.consentTitle,
            t.approve,
            t.deny,
            t.logoutTitle,
            t.logoutQuestion,
            t.logoutConfirm,
            t.loggedOut,
            t.supportLink,
            t.logInAfterLogout,
            t.switchLanguage,
            t.startAgainLink,
            t.pageNotFound,
            t.pageForbidden,
            t.tooManyRequests,
            t.temporarilyUnavailable,
            t.tryAgainLink,
        ] + scopes.map { t.describe(scope: $0) ?? "" }
        for text in texts {
            #expect(CatalogueSource.isWhole(text), "\(text)")
        }
        // Each value lands in its place.
        let filled: [(text: String, values: [String])] = [
            (t.consentLead("Kassan"), ["Kassan"]),
            (t.toAccountLink("Mina sidor"), ["Mina sidor"]),
        ]
        for (text, values) in filled {
            #expect(values.allSatisfy(text.contains) && CatalogueSource.isWhole(text), "\(text)")
        }
    }

    @Test func theTextsAreTheOnesTheSwiftLiteralsHad() {
        let sv = PageText(.sv), en = PageText(.en)
        #expect(sv.consentLead("Kassan") == "Kassan vill få tillgång till följande uppgifter om dig:")
        #expect(en.toAccountLink("Mina sidor") == "To Mina sidor")
        #expect(sv.switchLanguage == "In English" && en.switchLanguage == "På svenska")
        #expect(en.describe(scope: "memberships:manage") == "To manage the users of your businesses")
        #expect(sv.describe(scope: "business:0123436") == "Att agera för en av dina verksamheter")
        #expect(sv.describe(scope: "unknown") == nil)
    }
}
