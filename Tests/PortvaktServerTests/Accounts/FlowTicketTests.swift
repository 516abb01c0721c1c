import Foundation
import PortvaktCore
import Testing

@testable import PortvaktServer

@Suite struct FlowTicketTests {
    let key = [UInt8](repeating: 7, count: 32)
    let browser = [UInt8](repeating: 1, count: 32)
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aTicketOpensOnlyForItsStepBrowserKeyAndTime() {
        let ticket = FlowTicket(step: .signUpCode, subject: "anna@example.se", request: "req-1", now: t0, lifetime: 600)
        let sealed = ticket.seal(key: key, browser: browser)
        #expect(FlowTicket.open(sealed, step: .signUpCode, key: key, browser: browser, now: t0.addingTimeInterval(599)) == ticket)
        #expect(FlowTicket.open(sealed, step: .signUpCode, key: key, browser: browser, now: t0.addingTimeInterval(600)) == nil)
        #expect(FlowTicket.open(sealed, step: .signUpDetails, key: key, browser: browser, now: t0) == nil)
        #expect(FlowTicket.open(sealed, step: .signUpCode, key: key, browser: [UInt8](repeating: 2, count: 32), now: t0) == nil)
        #expect(FlowTicket.open(sealed, step: .signUpCode, key: [UInt8](repeating: 8, count: 32), browser: browser, now: t0) == nil)
    }

    @Test func anEditedTicketIsRefused() throws {
        let sealed = FlowTicket(step: .signUpDetails, subject: "anna@example.se", request: nil, now: t0).seal(key: key, browser: browser)
        let parts = sealed.split(separator: ".").map(String.init)
        var payload = try #require(Base64URL.decode(parts[0]))
        let edited = String(decoding: payload, as: UTF8.self).replacingOccurrences(of: "anna@", with: "eve@@")
        payload = Array(edited.utf8)
        #expect(FlowTicket.open(Base64URL.encode(payload) + "." + parts[1], step: .signUpDetails, key: key, browser: browser, now: t0) == nil)
        #expect(FlowTicket.open("garbage", step: .signUpDetails, key: key, browser: browser, now: t0) == nil)
        #expect(FlowTicket.open(String(repeating: "a", count: 5000), step: .signUpDetails, key: key, browser: browser, now: t0) == nil)
    }
}
