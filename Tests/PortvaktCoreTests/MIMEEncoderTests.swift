import Foundation
import Testing

@testable import PortvaktCore

@Suite struct MIMEEncoderTests {
    let message = MailMessage(
        from: MailAddress(name: "Mina sidor", address: "noreply@pant.example.se"),
        to: MailAddress(address: "anna@pantbutiken.se"),
        subject: "Din verifieringskod för Mina sidor – på svenska: åäö ÅÄÖ",
        text: "Hej!\nDin kod är 123 456. Den gäller i tio minuter.\n",
        html: "<p>Hej! Din kod är <strong>123 456</strong>.</p>")

    func encoded() -> String {
        MIMEEncoder.encode(message, date: Date(timeIntervalSince1970: 1_800_000_000), messageID: "abc@pant.example.se", boundary: "b1")
    }

    @Test func swedishSubjectsBecomeRFC2047EncodedWordsThatDecodeBack() throws {
        let subject = try #require(encoded().components(separatedBy: "\r\n").first { $0.hasPrefix("Subject: ") })
        #expect(subject.allSatisfy { $0.isASCII })
        let folded = encoded().components(separatedBy: "\r\nDate:")[0].components(separatedBy: "Subject: ")[1]
        let decoded = folded.components(separatedBy: "\r\n ").map { word -> String in
            let base64 = word.dropFirst("=?utf-8?B?".count).dropLast(2)
            return String(decoding: Data(base64Encoded: String(base64))!, as: UTF8.self)
        }.joined()
        #expect(decoded == message.subject)
        #expect(folded.components(separatedBy: "\r\n ").allSatisfy { $0.count <= 76 })
    }

    @Test func bodiesAreQuotedPrintableUTF8() {
        let text = encoded()
        #expect(text.contains("Din kod =C3=A4r 123 456."))
        #expect(text.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(text.contains("Content-Type: text/html; charset=utf-8"))
        #expect(text.allSatisfy { $0.isASCII })
    }

    @Test func theMessageHasTheHeadersMailNeeds() {
        let text = encoded()
        #expect(text.contains("Message-ID: <abc@pant.example.se>\r\n"))
        #expect(text.contains("Date: Fri, 15 Jan 2027 08:00:00 +0000\r\n"))
        #expect(text.contains("MIME-Version: 1.0\r\n"))
        #expect(text.hasSuffix("--b1--\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line ends in CRLF")
    }

    @Test func longLinesGetSoftBreaksUnder77Characters() {
        let long = String(repeating: "åäö ", count: 40)
        let lines = MIMEEncoder.quotedPrintable(long).components(separatedBy: "\r\n")
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix("=") })
    }

    @Test func headerInjectionIsImpossible() {
        var evil = message
        evil.subject = "Hej\r\nBcc: everyone@example.com"
        #expect(!MIMEEncoder.encode(evil, date: Date(), messageID: "x@y", boundary: "b").contains("\r\nBcc:"))
        #expect(!MailAddress(address: "anna@example.se\r\nBcc: x@y.z").isPlausible)
        var evilTo = message
        evilTo.to = MailAddress(address: "anna@example.se\r\nBcc: x@y.z")
        #expect(!MIMEEncoder.encode(evilTo, date: Date(), messageID: "x@y", boundary: "b").contains("\r\nBcc:"))
        #expect(MailAddress(address: "anna@pantbutiken.se").isPlausible)
    }
}
