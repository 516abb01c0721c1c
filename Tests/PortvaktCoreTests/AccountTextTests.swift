@testable import PortvaktCore
import Testing

/// The account pages' texts come from `AccountText.json` (a `TextCatalogue`): the file loads, every key it has is
/// asked for and every key asked for is in it, and every text comes out whole in both languages.
@Suite struct AccountTextTests {
    @Test func theCatalogueHasEveryKeyInBothLanguagesWithTheSamePlaceholders() throws {
        let catalogue = try TextCatalogue(json: PageText.accountTextJSON, file: "AccountText.json")
        #expect(catalogue.placeholders(of: "sessionLine") == ["started", "method", "from", "lastSeen"])
    }

    @Test func theAccessorsAskForExactlyTheCataloguesKeys() throws {
        try CatalogueSource.expectAsked(exactly: PageText.accountTexts.keys, by: "accountText", in: ["Sources/PortvaktCore/Accounts/AccountText.swift"])
    }

    @Test(arguments: PageLanguage.allCases)
    func everyTextComesOutWholeWithItsValuesFilledIn(_ language: PageLanguage) {
        let t = PageText(language)
        let texts: [String] = [
            t.passwordMethod,
            t.email,
            t.password,
            t.newPassword,
            t.currentPassword,
            t.passwordHint,
            t.givenName,
            t.familyName,
            t.code,
            t.codeHint,
            t.sendCode,
            t.resendCode,
            t.verifyCode,
            t.continueButton,
            t.logIn,
            t.save,
            t.acceptAndCreate,
            t.privacyAgreement,
            t.readPrivacy,
            t.privacyTitle,
            t.signUpTitle,
            t.signUpWithBankID,
            t.signUpWithEmail,
            t.signUpLead,
            t.signUpDetailsTitle,
            t.signUpDetailsLead,
            t.createAccountLink,
            t.haveAccountLink,
            t.forgotPasswordLink,
            t.passwordLoginLead,
            t.codeTitle,
            t.loginCodeSent,
            t.newCodeSent,
            t.resetTitle,
            t.resetLead,
            t.newPasswordTitle,
            t.passwordResetDone,
            t.accountTitle,
            t.nameSection,
            t.passwordSection,
            t.emailSection,
            t.sessionsSection,
            t.endSession,
            t.thisDevice,
            t.nameSaved,
            t.passwordChanged,
            t.emailChanged,
            t.sessionEnded,
            t.logOutLink,
            t.invalidEmail,
            t.wrongCredentials,
            t.wrongCurrentPassword,
            t.codeExpired,
            t.codeUsed,
            t.codeTooManyAttempts,
            t.codesLocked,
            t.codeFormat,
            t.nameRequired,
            t.privacyRequired,
            t.emailTaken,
            t.logInAgain,
            t.sameEmail,
            t.formExpired,
            t.accountExistsAlready,
            t.linkBusinessButton,
            t.logOutEverywhere,
            t.logOutEverywhereLead,
            t.servicesSection,
            t.servicesLead,
            t.serviceRevoked,
            t.loginMethod(["pwd"]),
            t.loginMethod(["pwd", "otp"]),
            t.device(UserAgentSummary(browser: nil, system: nil)),
        ]
        for text in texts {
            #expect(CatalogueSource.isWhole(text), "\(text)")
        }
        // Each value lands in its place.
        let filled: [(text: String, values: [String])] = [
            (t.privacyVersion("2026-01"), ["2026-01"]),
            (t.codeSent(to: "anna@example.se"), ["anna@example.se"]),
            (t.codeSentIfAccount(to: "anna@example.se"), ["anna@example.se"]),
            (t.currentEmail("anna@example.se"), ["anna@example.se"]),
            (t.sessionLine(device: "Firefox", started: "STARTED", lastSeen: "SEEN", method: "BankID", address: "192.0.2.7"),
             ["Firefox", "STARTED", "SEEN", "BankID", "192.0.2.7"]),
            (t.sessionLine(device: nil, started: "STARTED", lastSeen: "SEEN", method: "BankID", address: nil), ["STARTED", "SEEN", "BankID"]),
            (t.device(UserAgentSummary(browser: "Firefox", system: "Linux")), ["Firefox", "Linux"]),
            (t.tryAgainIn(seconds: 42), ["42"]),
            (t.tooManyFailuresFromHere(minutes: 15), ["15"]),
            (t.codeSentMomentsAgo(seconds: 42), ["42"]),
            (t.codeSentSeveralTimes(minutes: 15), ["15"]),
            (t.noCodeFromHere(minutes: 15), ["15"]),
            (t.resendWait(seconds: 42), ["42"]),
            (t.wrongCode(remaining: 3), ["3"]),
            (t.serviceLine("Kassan", scopes: "SCOPES", since: "SINCE"), ["Kassan", "SCOPES", "SINCE"]),
            (t.revokeService("Kassan"), ["Kassan"]),
        ]
        for (text, values) in filled {
            #expect(values.allSatisfy(text.contains) && CatalogueSource.isWhole(text), "\(text)")
        }
    }

    @Test func theTextsAreTheOnesTheSwiftLiteralsHad() {
        let sv = PageText(.sv), en = PageText(.en)
        #expect(sv.sessionLine(device: "Firefox på Linux", started: "1 maj 10:00", lastSeen: "i dag", method: "BankID", address: "192.0.2.7")
            == "Firefox på Linux · Inloggad 1 maj 10:00 med BankID från 192.0.2.7, senast aktiv i dag")
        #expect(en.sessionLine(device: nil, started: "1 May 10:00", lastSeen: "today", method: "BankID", address: nil)
            == "Logged in 1 May 10:00 with BankID, last active today")
        #expect(sv.wrongCode(remaining: 2) == "Koden stämmer inte. Du har 2 försök kvar.")
        #expect(en.loginMethod(["pwd", "otp"]) == "E-mail, password and code" && sv.loginMethod(["pwd"]) == "E-post och lösenord")
        #expect(sv.loginMethod(["swk"]) == "BankID" && en.loginMethod(["x", "y"]) == "x, y")
        #expect(en.serviceLine("Kassan", scopes: "your name", since: "today") == "Kassan: your name. Approved today.")
    }
}
