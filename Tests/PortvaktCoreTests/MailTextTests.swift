import Foundation
import Testing

@testable import PortvaktCore

@Suite struct MailTextTests {
    @Test func aCodeMailCarriesTheCodeInBothPartsAndSaysWhatItIsFor() {
        let mail = MailText.code("042517", purpose: .passwordReset, language: .sv, ui: UI())
        #expect(mail.subject == "Din verifieringskod till Mina sidor")
        #expect(mail.text.contains("042517") && mail.text.contains("för att välja ett nytt lösenord"))
        #expect(mail.html.contains(">042517</p>") && mail.html.contains("Lämna aldrig ut koden"))
        #expect(MailText.code("1", purpose: .login, language: .en, ui: UI()).text.contains("to log in"))
    }

    /// Kundportalen by Returpack, with a support page: the `ui` settings a themed Portvakt is started with.
    static var themed: UI {
        var ui = UI()
        ui.serviceName = "Kundportalen"
        ui.organisation = "Returpack"
        ui.supportURL = "https://returpack.example/kontakt?fr=mail&x=1"
        ui.primaryColor = "#1d4e89"
        return ui
    }

    /// Every mail Portvakt sends, in `language`, written with `ui`.
    static func everyMail(_ language: PageLanguage, ui: UI) -> [MailText] {
        CodePurpose.allCases.map { MailText.code("042517", purpose: $0, language: language, ui: ui) } + [
            .alreadyRegistered(language: language, ui: ui), .underAttack(language: language, ui: ui), .emailInUse(language: language, ui: ui),
            .passwordChanged(language: language, ui: ui), .emailChanged(newAddress: "ny@x.se", language: language, ui: ui),
            .businessLink(business: "Pantbutiken", customerNumber: "100200", link: "https://x/l", requester: "Anna", language: language, ui: ui),
            .pinUnderAttack(business: "Pantbutiken", language: language, ui: ui),
            .invitation(business: "Pantbutiken", role: "Användare", link: "https://x/l", language: language, ui: ui),
            .applicationReceived(
                business: "Nya Butiken", organisationNumber: "556677-8899", reference: "A-000042", link: "https://x/a", language: language, ui: ui),
            .applicationInformationRequested(
                business: "Nya Butiken", reference: "A-000042", question: "Vilken adress?", link: "https://x/a", language: language, ui: ui),
            .applicationApproved(
                business: "Nya Butiken", reference: "A-000042", customerNumber: "9000001", link: "https://x/b", language: language, ui: ui),
            .applicationRejected(business: "Nya Butiken", reference: "A-000042", reason: "Ingen pantförpackning", language: language, ui: ui),
        ]
    }

    @Test(arguments: [PageLanguage.sv, .en]) func everyMailNamesTheConfiguredServiceAndOrganisationAndLinksToSupport(language: PageLanguage) {
        let label = language == .sv ? "Hjälp och kontakt" : "Help and contact"
        for mail in Self.everyMail(language, ui: Self.themed) {
            #expect(!mail.subject.contains("Mina sidor") && !mail.text.contains("Mina sidor") && !mail.html.contains("Mina sidor"), "\(mail.subject)")
            #expect(mail.text.contains("Kundportalen") && mail.html.contains("Kundportalen"), "\(mail.subject)")
            #expect(mail.text.hasSuffix("\n\nReturpack – Kundportalen\n\(label): https://returpack.example/kontakt?fr=mail&x=1\n"),
                "the signature closes the plain text: \(mail.text)")
            #expect(mail.html.contains("Returpack – Kundportalen<br>") && mail.html.contains(
                #"<a href="https://returpack.example/kontakt?fr=mail&amp;x=1">https://returpack.example/kontakt?fr=mail&amp;x=1</a></p>"#),
                "the signature closes the HTML, its link escaped: \(mail.html)")
            #expect(mail.html.contains("border-top:2px solid #1d4e89"), "the primary colour")
        }
        // The PIN warning goes to a business's address, whose language is not known: Swedish with an English line,
        // and a help line in both.
        let warning = MailText.written(in: .unknown) { .pinUnderAttack(business: "Pantbutiken", language: $0, ui: Self.themed) }
        #expect(warning.subject == "Någon försöker gissa PIN-koden för Pantbutiken" && warning.text.contains("In English: Someone is trying to guess"))
        #expect(warning.text.hasSuffix("Hjälp och kontakt / Help and contact: https://returpack.example/kontakt?fr=mail&x=1\n"), "\(warning.text)")
        let code = MailText.code("042517", purpose: .login, language: language, ui: Self.themed)
        #expect(code.subject == (language == .sv ? "Din verifieringskod till Kundportalen" : "Your verification code for Kundportalen"))
    }

    @Test(arguments: [PageLanguage.sv, .en]) func withTheDefaultsTheSignatureIsTheServiceAloneWithNoEmptyOrganisationOrHelpLine(language: PageLanguage) {
        for mail in Self.everyMail(language, ui: UI()) {
            #expect(mail.text.hasSuffix("\n\nMina sidor\n"), "\(mail.text)")
            #expect(mail.html.hasSuffix(">Mina sidor</p>\n</body></html>\n") && !mail.html.contains("<a "), "\(mail.html)")
            #expect(!mail.text.contains(" – ") && !mail.text.contains("Hjälp och kontakt") && !mail.text.contains("Help and contact"))
        }
        var named = UI()
        named.organisation = "Returpack"
        #expect(MailText.passwordChanged(language: language, ui: named).text.hasSuffix("\n\nReturpack – Mina sidor\n"), "an organisation without a support link")
        var helped = UI()
        helped.supportURL = "https://returpack.example/kontakt"
        #expect(MailText.passwordChanged(language: language, ui: helped).text.hasSuffix(
            "\n\nMina sidor\n\(language == .sv ? "Hjälp och kontakt" : "Help and contact"): https://returpack.example/kontakt\n"), "a support link without an organisation")
    }

    @Test func aMailtoSupportLinkShowsItsAddressAndLinksTheWholeLink() {
        var ui = Self.themed
        ui.supportURL = "mailto:kundtjanst@returpack.example?subject=Hj%C3%A4lp"
        let mail = MailText.passwordChanged(language: .sv, ui: ui)
        #expect(mail.text.hasSuffix("Hjälp och kontakt: kundtjanst@returpack.example\n"))
        #expect(mail.html.contains(#"<a href="mailto:kundtjanst@returpack.example?subject=Hj%C3%A4lp">kundtjanst@returpack.example</a>"#))
    }

    @Test func theSignatureIsEscapedInHTML() {
        var ui = UI()
        ui.serviceName = "<b>Sidor</b>"
        ui.organisation = "Bröd & Co"
        let mail = MailText.passwordChanged(language: .sv, ui: ui)
        #expect(mail.html.contains("Bröd &amp; Co – &lt;b&gt;Sidor&lt;/b&gt;") && !mail.html.contains("<b>"))
        #expect(mail.text.contains("Bröd & Co – <b>Sidor</b>"))
    }

    @Test func htmlPartsEscapeWhatTheyQuote() {
        let mail = MailText.emailChanged(newAddress: "<script>@x.se", language: .en, ui: UI())
        #expect(mail.html.contains("&lt;script&gt;@x.se") && !mail.html.contains("<script>"))
        #expect(mail.text.contains("<script>@x.se"))
    }

    @Test func swedishMailsEncodeAsMIME() {
        let text = MailText.underAttack(language: .sv, ui: UI())
        let message = MailMessage(
            from: MailAddress(name: "Mina sidor", address: "noreply@example.se"), to: MailAddress(address: "åsa@example.se"),
            subject: text.subject, text: text.text, html: text.html)
        let encoded = MIMEEncoder.encode(message, date: Date(timeIntervalSince1970: 1_800_000_000), messageID: "m1@example.se", boundary: "b")
        #expect(encoded.contains("Subject: =?utf-8?B?") && !encoded.contains("försöker"), "RFC 2047 words and quoted-printable bodies")
        #expect(encoded.contains("Content-Type: text/plain; charset=utf-8") && encoded.contains("Content-Type: text/html; charset=utf-8"))
    }

    /// The mails' texts come from `MailText.json` (a `TextCatalogue`): the file loads, and every key it has is asked
    /// for and every key asked for is in it.
    @Test func theTextsAreACatalogueWhoseKeysAreExactlyTheOnesAskedFor() throws {
        let catalogue = try TextCatalogue(json: MailText.mailTextJSON, file: "MailText.json")
        #expect(catalogue.placeholders(of: "businessLink.wants") == ["business", "customerNumber", "requester", "service"])
        try CatalogueSource.expectAsked(exactly: catalogue.keys, by: "mailText", in: ["Sources/PortvaktCore/Mail/MailText.swift"])
    }

    @Test(arguments: [PageLanguage.sv, .en]) func everyMailComesOutWholeWithItsValuesFilledIn(language: PageLanguage) {
        for mail in Self.everyMail(language, ui: Self.themed) {
            for part in [mail.subject] + mail.paragraphs {
                #expect(CatalogueSource.isWhole(part), "\(part)")
            }
        }
        let ui = Self.themed
        let filled: [(mail: MailText, values: [String])] = [
            (.emailChanged(newAddress: "ny@x.se", language: language, ui: ui), ["ny@x.se", "Kundportalen"]),
            (.businessLink(business: "Pantbutiken", customerNumber: "100200", link: "https://x/l", requester: "Anna", language: language, ui: ui),
             ["Pantbutiken", "100200", "https://x/l", "Anna", "Kundportalen"]),
            (.invitation(business: "Pantbutiken", role: "ROLLEN", link: "https://x/l", language: language, ui: ui),
             ["Pantbutiken", "ROLLEN", "https://x/l", "Kundportalen"]),
            (.applicationReceived(
                business: "Nya Butiken", organisationNumber: "556677-8899", reference: "A-000042", link: "https://x/a", language: language, ui: ui),
             ["Nya Butiken", "556677-8899", "A-000042", "https://x/a", "Kundportalen"]),
            (.applicationInformationRequested(
                business: "Nya Butiken", reference: "A-000042", question: "FRÅGAN", link: "https://x/a", language: language, ui: ui),
             ["Nya Butiken", "A-000042", "FRÅGAN", "https://x/a", "Kundportalen"]),
            (.applicationApproved(
                business: "Nya Butiken", reference: "A-000042", customerNumber: "9000001", link: "https://x/b", language: language, ui: ui),
             ["Nya Butiken", "A-000042", "9000001", "https://x/b", "Kundportalen"]),
            (.applicationRejected(business: "Nya Butiken", reference: "A-000042", reason: "SKÄLET", language: language, ui: ui),
             ["Nya Butiken", "A-000042", "SKÄLET", "Kundportalen"]),
        ]
        for (mail, values) in filled {
            #expect(values.allSatisfy(mail.text.contains), "\(mail.text)")
        }
    }

    @Test func theTextsAreTheOnesTheSwiftLiteralsHad() {
        #expect(MailText.code("1", purpose: .emailChange, language: .en, ui: UI()).paragraphs[0] == "Here is your code to change to this e-mail address:")
        #expect(MailText.alreadyRegistered(language: .en, ui: UI()).paragraphs[1]
            == "Log in with your password, or choose \"Forgot your password?\" if you do not remember it.")
        #expect(MailText.businessLink(business: "Pantbutiken", customerNumber: "100200", link: "https://x/l", requester: "Anna", language: .sv, ui: UI())
            .paragraphs[0] == "Anna vill koppla sitt konto på Mina sidor till Pantbutiken (kundnummer 100200) och blir då verksamhetens administratör.")
    }
}

@Suite struct MailLanguageTests {
    @Test func aKnownLanguageIsTheRecipientsAndAnUnknownOneIsSwedishWithAnEnglishLine() {
        let english = MailText.written(in: .of(locale: "en", hasAccount: true)) { .invitation(business: "Pantbutiken", role: "User", link: "https://x/l", language: $0, ui: UI()) }
        #expect(english.subject == "Invitation to Pantbutiken on Mina sidor" && !english.text.contains("Du är inbjuden"))
        let unknown = MailText.written(in: .of(locale: "en", hasAccount: false)) { .invitation(business: "Pantbutiken", role: "Användare", link: "https://x/l", language: $0, ui: UI()) }
        #expect(unknown.subject == "Inbjudan till Pantbutiken på Mina sidor")
        #expect(unknown.text.contains("Du är inbjuden till Pantbutiken") && unknown.text.contains("In English: Invitation to Pantbutiken on Mina sidor."))
        #expect(unknown.text.components(separatedBy: "https://x/l").count == 2, "the link is not repeated in the English line")
        #expect(MailLanguage.of(locale: nil, hasAccount: true) == .known(.sv))
        let themed = MailText.written(in: .unknown) { .invitation(business: "Pantbutiken", role: "Användare", link: "https://x/l", language: $0, ui: MailTextTests.themed) }
        #expect(themed.subject == "Inbjudan till Pantbutiken på Kundportalen" && themed.text.contains("In English: Invitation to Pantbutiken on Kundportalen."))
        #expect(themed.text.components(separatedBy: "Returpack – Kundportalen").count == 2, "one signature")
        #expect(themed.text.contains("Hjälp och kontakt / Help and contact: https://returpack.example/kontakt"), "its help line in both languages")
    }

    @Test func theApplicationsDecisionsSayWhatHasHappened() {
        func rejected(_ language: PageLanguage) -> MailText {
            .applicationRejected(business: "Nya Butiken", reference: "A-000042", reason: "Ingen pantförpackning", language: language, ui: MailTextTests.themed)
        }
        #expect(rejected(.en).subject == "Your application A-000042 has been rejected")
        #expect(rejected(.sv).subject == "Din ansökan A-000042 har avslagits")
        let approved = MailText.applicationApproved(
            business: "Nya Butiken", reference: "A-000042", customerNumber: "9000001", link: "https://x/b", language: .en, ui: MailTextTests.themed)
        #expect(approved.subject == "Your application has been approved: Nya Butiken is now connected to the deposit system")
    }
}
