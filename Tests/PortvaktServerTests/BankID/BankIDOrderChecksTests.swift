import Foundation
import PortvaktBankID
import PortvaktBankIDSimulator
import PortvaktCore
import PortvaktStore
import Testing

@testable import PortvaktServer

/// The order pages and the sweeper judge a `/collect` answer alike (`BankIDOrderMachine`): an answer about
/// another order, a completion without a valid personnummer, and a personnummer-first order completed by
/// someone else all fail the order, with an audit record. An honest simulator never gives such answers, so
/// `TamperedBankID` rewrites them.
@Suite struct BankIDOrderChecksTests {
    enum Tampering: String, CaseIterable, Sendable {
        case otherOrderRef, invalidPersonalNumber, otherPerson

        /// The error the order fails with.
        var errorCode: String { self == .otherOrderRef ? "invalidResponse" : "invalidCompletion" }

        func apply(_ answer: inout BankIDWire.CollectResponse) {
            switch self {
            case .otherOrderRef: answer.orderRef = "another-order"
            case .invalidPersonalNumber: answer.completionData?.user.personalNumber = "199001012386"
            case .otherPerson: answer.completionData?.user.personalNumber = BankIDLoginTests.olle
            }
        }
    }

    enum Path: String, CaseIterable, Sendable {
        case page, sweeper
    }

    /// Anna completes an order (personnummer first for `.otherPerson`), and `/collect` answers as `tampering` says.
    @Test(arguments: Tampering.allCases, Path.allCases)
    func aTamperedCompletionFailsTheOrder(_ tampering: Tampering, _ path: Path) async throws {
        try await OIDCHarness.run(
            BankIDLoginTests.settings,
            bankIDService: { simulator in
                TamperedBankID(simulator: simulator) { answer in if answer.status == "complete" { tampering.apply(&answer) } }
            }
        ) { h in
            let simulator = try #require(h.bankIDSimulator)
            let choice = try await h.get(BankIDRoutes.start + "?choose=1")
            var form = try OIDCHarness.hiddenFields(choice.body, action: BankIDRoutes.start)
            form["start"] = "other-device"
            if tampering == .otherPerson { form["personal_number"] = "900101-2385" }
            let started = try await h.post(BankIDRoutes.start, form: form)
            let location = try #require(started.location)
            let id = try #require(URLComponents(string: location)?.queryItems?.first { $0.name == "id" }?.value)
            let order = try #require(try await h.services.store.bankIDOrder(id: id, seenAt: nil))
            let session = try await simulator.open(qr: BankIDQR.content(token: order.qrStartToken, secret: order.qrStartSecret, seconds: 0))
            try await simulator.identify(session: session, personalNumber: BankIDLoginTests.anna, personalCode: "123456")

            switch path {
            case .page:
                h.clock.advance(3)
                let status = try await h.get("\(BankIDRoutes.status)?id=\(order.id)&lang=en").json
                #expect(status["state"] as? String == "failed" && status["next"] == nil, "\(status)")
            case .sweeper:
                let sweeper = BankIDSweeper(
                    store: h.services.store, bankID: try #require(h.services.bankID), logger: TestPortvakt.logger)
                #expect(await sweeper.sweep(now: h.clock.now.addingTimeInterval(31)) == 1)
            }
            let ended = try #require(try await h.services.store.bankIDOrder(id: order.id, seenAt: nil))
            #expect(ended.status == .failed && ended.errorCode == tampering.errorCode && ended.completion == nil)
            let events = try await h.services.store.auditEvents(limit: 50, before: nil)
            #expect(events.contains { $0.action == "bankid.failed" && $0.target == order.id && $0.details["error"] == tampering.errorCode })
            #expect(!events.contains { $0.action == "bankid.completed" })
        }
    }

    @Test func theSweeperAuditsACompletionAsThePagesDo() async throws {
        // Only audited, as `bankid.same_device_ip_check = "audit"` asks; the refusal is in BankIDLoginTests.
        var settings = BankIDLoginTests.settings
        settings["bankid"] = ["url": "simulator", "identities_file": "conf/bankid-test-identities.json", "same_device_ip_check": "audit"]
        try await OIDCHarness.run(settings) { h in
            let simulator = try #require(h.bankIDSimulator)
            let choice = try await h.get(BankIDRoutes.start + "?choose=1")
            let started = try await h.submit(choice, action: BankIDRoutes.start, ["start": "same-device"])
            let location = try #require(started.location)
            let id = try #require(URLComponents(string: location)?.queryItems?.first { $0.name == "id" }?.value)
            let order = try #require(try await h.services.store.bankIDOrder(id: id, seenAt: nil))
            let session = try await simulator.open(autoStartToken: order.autoStartToken)
            // The app is on another address than the browser BankID was told about.
            try await simulator.identify(session: session, personalNumber: BankIDLoginTests.anna, personalCode: "123456", deviceIP: "198.51.100.7")
            let sweeper = BankIDSweeper(store: h.services.store, bankID: try #require(h.services.bankID), logger: TestPortvakt.logger)
            #expect(await sweeper.sweep(now: h.clock.now.addingTimeInterval(200)) == 0)
            let kept = try #require(try await h.services.store.bankIDOrder(id: order.id, seenAt: nil))
            #expect(kept.status == .complete && kept.completion?.user.personalNumber == BankIDLoginTests.anna)
            let events = try await h.services.store.auditEvents(limit: 50, before: nil)
            let completed = try #require(events.first { $0.action == "bankid.completed" && $0.target == order.id })
            #expect(completed.details == ["personal_number": "19900101-****", "device_ip_differs": "yes"])
        }
    }
}
