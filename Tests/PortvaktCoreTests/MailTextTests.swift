import Foundation
import Testing

@testable import PortvaktCore

@Suite struct MailTextTests {
    @Test func aCodeMailCarriesTheCodeInBothPartsAndSaysWhatItIsFor() {
        let mail = MailText.code("042517", purpose: .passwordReset, language: .sv)
        #expect(mail.subject == "Din verifieringskod till Mina sidor")
        #expect(mail.text.contains("042517") && mail.text.contains("för att välja ett nytt lösenord"))
        #expect(mail.html.contains(">042517</p>") && mail.html.contains("Lämna aldrig ut koden"))
        #expect(MailText.code("1", purpose: .login, language: .en).text.contains("to log in"))
    }

    @Test func htmlPartsEscapeWhatTheyQuote() {
        let mail = MailText.emailChanged(newAddress: "<script>@x.se", language: .en)
        #expect(mail.html.contains("&lt;script&gt;@x.se") && !mail.html.contains("<script>"))
        #expect(mail.text.contains("<script>@x.se"))
    }

    @Test func swedishMailsEncodeAsMIME() {
        let text = MailText.underAttack(language: .sv)
        let message = MailMessage(
            from: MailAddress(name: "Mina sidor", address: "noreply@example.se"), to: MailAddress(address: "åsa@example.se"),
            subject: text.subject, text: text.text, html: text.html)
        let encoded = MIMEEncoder.encode(message, date: Date(timeIntervalSince1970: 1_800_000_000), messageID: "m1@example.se", boundary: "b")
        #expect(encoded.contains("Subject: =?utf-8?B?") && !encoded.contains("försöker"), "RFC 2047 words and quoted-printable bodies")
        #expect(encoded.contains("Content-Type: text/plain; charset=utf-8") && encoded.contains("Content-Type: text/html; charset=utf-8"))
    }
}

@Suite struct MailLanguageTests {
    @Test func aKnownLanguageIsTheRecipientsAndAnUnknownOneIsSwedishWithAnEnglishLine() {
        let english = MailText.written(in: .of(locale: "en", hasAccount: true)) { .invitation(business: "Pantbutiken", role: "User", link: "https://x/l", language: $0) }
        #expect(english.subject == "Invitation to Pantbutiken on Mina sidor" && !english.text.contains("Du är inbjuden"))
        let unknown = MailText.written(in: .of(locale: "en", hasAccount: false)) { .invitation(business: "Pantbutiken", role: "Användare", link: "https://x/l", language: $0) }
        #expect(unknown.subject == "Inbjudan till Pantbutiken på Mina sidor")
        #expect(unknown.text.contains("Du är inbjuden till Pantbutiken") && unknown.text.contains("In English: Invitation to Pantbutiken on Mina sidor."))
        #expect(unknown.text.components(separatedBy: "https://x/l").count == 2, "the link is not repeated in the English line")
        #expect(MailLanguage.of(locale: nil, hasAccount: true) == .known(.sv))
    }
}
