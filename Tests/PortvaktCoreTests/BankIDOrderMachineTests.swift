import Foundation
import Testing

@testable import PortvaktCore

/// `BankIDOrderMachine` as a table: each event and answer, and the plan it gives.
@Suite struct BankIDOrderMachineTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static let anna = "199001012385"
    static let olle = "201701012393"

    /// An order seen by a browser at `t0`; the events happen at `t0 + 1` unless a case says otherwise.
    static func order(
        _ start: BankIDMessage.Start = .otherDevice, requiring: String? = nil, status: BankIDOrderStatus = .pending,
        ipCheck: BankIDSameDeviceIPCheck = .refuse
    ) -> BankIDOrderMachine {
        BankIDOrderMachine(
            orderRef: "ref-1", start: start, requiredPersonalNumber: requiring, endUserIp: "192.0.2.10", status: status,
            lastSeenAt: t0, expiresAt: t0.addingTimeInterval(480), sameDeviceIPCheck: ipCheck)
    }

    static func completion(_ personalNumber: String = anna, ip: String = "192.0.2.10") -> BankIDCompletion {
        BankIDCompletion(
            user: .init(personalNumber: personalNumber, name: "Anna Testsson", givenName: "Anna", surname: "Testsson"),
            device: .init(ipAddress: ip, uhi: "uhi"))
    }

    static func answer(_ status: String, hint: String? = nil, completion: BankIDCompletion? = nil, ref: String = "ref-1") -> BankIDOrderMachine.Collected {
        .answer(orderRef: ref, status: status, hintCode: hint, completion: completion)
    }

    // MARK: - Expected plans

    static func pending(_ hint: String?) -> BankIDOrderPlan {
        BankIDOrderPlan(status: .pending, update: .init(status: .pending, hintCode: hint, expiresAt: t0.addingTimeInterval(480)))
    }

    static func failed(hint: String? = nil, error: String? = nil, at now: Date, cancel: Bool = false) -> BankIDOrderPlan {
        BankIDOrderPlan(
            status: .failed, cancelAtBankID: cancel,
            update: .init(status: .failed, hintCode: hint, errorCode: error, expiresAt: now.addingTimeInterval(300)),
            audit: .init(action: "bankid.failed", details: ["hint": hint ?? "", "error": error ?? ""]))
    }

    /// A same-device completion from another address, refused: the personnummer and the difference audited.
    static func relayed(at now: Date) -> BankIDOrderPlan {
        var plan = failed(error: "deviceIpDiffers", at: now)
        plan.audit?.details.merge(["personal_number": "19900101-****", "device_ip_differs": "yes"]) { $1 }
        return plan
    }

    static func completed(_ data: BankIDCompletion, at now: Date, details: [String: String] = ["personal_number": "19900101-****"]) -> BankIDOrderPlan {
        BankIDOrderPlan(
            status: .complete, update: .init(status: .complete, completion: data, expiresAt: now.addingTimeInterval(1800)),
            audit: .init(action: "bankid.completed", details: details))
    }

    static func abandoned(at now: Date) -> BankIDOrderPlan {
        BankIDOrderPlan(status: .cancelled, cancelAtBankID: true, update: .init(status: .cancelled, hintCode: "abandoned", expiresAt: now.addingTimeInterval(300)))
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var order: BankIDOrderMachine = BankIDOrderMachineTests.order()
        var event: BankIDOrderMachine.Event
        /// Seconds after the browser last looked.
        var after: TimeInterval = 1
        var expected: @Sendable (Date) -> BankIDOrderPlan
        var testDescription: String { name }
    }

    // MARK: - A browser watches: the pages' /collect

    static let watched: [Case] = [
        Case(name: "pending with its hint", event: .collected(answer("pending", hint: "outstandingTransaction")), expected: { _ in pending("outstandingTransaction") }),
        Case(name: "pending with userSign", event: .collected(answer("pending", hint: "userSign")), expected: { _ in pending("userSign") }),
        Case(name: "pending with an unknown hint", event: .collected(answer("pending", hint: "somethingNew")), expected: { _ in pending("somethingNew") }),
        Case(name: "an unknown status counts as pending", event: .collected(answer("thinking", hint: "x")), expected: { _ in pending("x") }),
        Case(name: "failed with its hint", event: .collected(answer("failed", hint: "userCancel")), expected: { failed(hint: "userCancel", at: $0) }),
        Case(name: "failed, upper case", event: .collected(answer("FAILED", hint: "startFailed")), expected: { failed(hint: "startFailed", at: $0) }),
        Case(name: "complete", event: .collected(answer("complete", completion: completion())), expected: { completed(completion(), at: $0) }),
        Case(name: "complete, any case", event: .collected(answer("Complete", completion: completion())), expected: { completed(completion(), at: $0) }),
        Case(name: "an answer about another order", event: .collected(answer("complete", completion: completion(), ref: "ref-2")),
             expected: { failed(error: "invalidResponse", at: $0) }),
        Case(name: "a pending answer about another order", event: .collected(answer("pending", hint: "started", ref: "ref-2")),
             expected: { failed(error: "invalidResponse", at: $0) }),
        Case(name: "complete without completionData", event: .collected(answer("complete")), expected: { failed(error: "invalidCompletion", at: $0) }),
        Case(name: "complete with a wrong check digit", event: .collected(answer("complete", completion: completion("199001012386"))),
             expected: { failed(error: "invalidCompletion", at: $0) }),
        Case(name: "complete with a personnummer that is not one", event: .collected(answer("complete", completion: completion("19900101238X"))),
             expected: { failed(error: "invalidCompletion", at: $0) }),
        Case(name: "complete with a short form", event: .collected(answer("complete", completion: completion("9001012385"))),
             expected: { failed(error: "invalidCompletion", at: $0) }),
        Case(name: "a personnummer-first order completed by another person", order: order(requiring: anna),
             event: .collected(answer("complete", completion: completion(olle))), expected: { failed(error: "invalidCompletion", at: $0) }),
        Case(name: "a personnummer-first order completed by that person", order: order(requiring: anna),
             event: .collected(answer("complete", completion: completion(anna))), expected: { completed(completion(), at: $0) }),
        Case(name: "same device, the app on the browser's address", order: order(.sameDevice),
             event: .collected(answer("complete", completion: completion(ip: "192.0.2.10"))), expected: { completed(completion(), at: $0) }),
        Case(name: "same device, the app on another address: refused", order: order(.sameDevice),
             event: .collected(answer("complete", completion: completion(ip: "198.51.100.7"))), expected: { relayed(at: $0) }),
        Case(name: "same device, the app on another address, only audited", order: order(.sameDevice, ipCheck: .audit),
             event: .collected(answer("complete", completion: completion(ip: "198.51.100.7"))),
             expected: { completed(completion(ip: "198.51.100.7"), at: $0, details: ["personal_number": "19900101-****", "device_ip_differs": "yes"]) }),
        Case(name: "another device may be on any address", order: order(.otherDevice),
             event: .collected(answer("complete", completion: completion(ip: "198.51.100.7"))), expected: { completed(completion(ip: "198.51.100.7"), at: $0) }),
        Case(name: "a retryable error waits for the next poll", event: .collected(.error(code: "maintenance", retryable: true)),
             expected: { _ in .unchanged(.pending) }),
        Case(name: "any other error ends the order", event: .collected(.error(code: "unauthorized", retryable: false)),
             expected: { failed(error: "unauthorized", at: $0) }),
        Case(name: "an order that already ended stays", order: order(status: .failed), event: .collected(answer("complete", completion: completion())),
             expected: { _ in .unchanged(.failed) }),
        Case(name: "a used order stays", order: order(status: .used), event: .collected(answer("failed", hint: "userCancel")),
             expected: { _ in .unchanged(.used) }),
    ]

    @Test(arguments: watched)
    func aWatchedOrder(_ test: Case) {
        let now = Self.t0.addingTimeInterval(test.after)
        #expect(test.order.plan(test.event, now: now) == test.expected(now))
    }

    // MARK: - Nobody watches: the sweeper

    static let unwatched: [Case] = [
        Case(name: "seen 29 s ago: not yet", event: .abandoned(answer("pending", hint: "outstandingTransaction")), after: 29,
             expected: { _ in .unchanged(.pending) }),
        Case(name: "waiting for the app after 30 s", event: .abandoned(answer("pending", hint: "outstandingTransaction")), after: 30,
             expected: { abandoned(at: $0) }),
        Case(name: "noClient", event: .abandoned(answer("pending", hint: "noClient")), after: 31, expected: { abandoned(at: $0) }),
        Case(name: "the user is in the app (started)", event: .abandoned(answer("pending", hint: "started")), after: 31,
             expected: { _ in .unchanged(.pending) }),
        Case(name: "the user is in the app (userSign)", event: .abandoned(answer("pending", hint: "USERSIGN")), after: 31,
             expected: { _ in .unchanged(.pending) }),
        Case(name: "the user is in the app (userMrtd)", event: .abandoned(answer("pending", hint: "userMrtd")), after: 31,
             expected: { _ in .unchanged(.pending) }),
        Case(name: "same device: BankID's three minutes first", order: order(.sameDevice),
             event: .abandoned(answer("pending", hint: "outstandingTransaction")), after: 179, expected: { _ in .unchanged(.pending) }),
        Case(name: "same device after three minutes", order: order(.sameDevice),
             event: .abandoned(answer("pending", hint: "outstandingTransaction")), after: 180, expected: { abandoned(at: $0) }),
        Case(name: "failed at BankID", event: .abandoned(answer("failed", hint: "startFailed")), after: 31, expected: { abandoned(at: $0) }),
        Case(name: "BankID busy", event: .abandoned(.error(code: "maintenance", retryable: true)), after: 31, expected: { abandoned(at: $0) }),
        Case(name: "BankID refuses", event: .abandoned(.error(code: "invalidParameters", retryable: false)), after: 31, expected: { abandoned(at: $0) }),
        Case(name: "completed while the browser slept", order: order(.sameDevice), event: .abandoned(answer("complete", completion: completion())),
             after: 200, expected: { completed(completion(), at: $0) }),
        Case(name: "completed on another address while the browser slept: refused", order: order(.sameDevice),
             event: .abandoned(answer("complete", completion: completion(ip: "198.51.100.7"))), after: 200, expected: { relayed(at: $0) }),
        Case(name: "completed on another address while the browser slept, only audited", order: order(.sameDevice, ipCheck: .audit),
             event: .abandoned(answer("complete", completion: completion(ip: "198.51.100.7"))), after: 200,
             expected: { completed(completion(ip: "198.51.100.7"), at: $0, details: ["personal_number": "19900101-****", "device_ip_differs": "yes"]) }),
        Case(name: "an answer about another order", event: .abandoned(answer("complete", completion: completion(), ref: "ref-2")), after: 31,
             expected: { failed(error: "invalidResponse", at: $0, cancel: true) }),
        Case(name: "completed with an invalid personnummer", event: .abandoned(answer("complete", completion: completion("199001012386"))), after: 31,
             expected: { failed(error: "invalidCompletion", at: $0) }),
        Case(name: "completed without completionData", event: .abandoned(answer("complete")), after: 31,
             expected: { failed(error: "invalidCompletion", at: $0) }),
        Case(name: "a personnummer-first order completed by another person", order: order(requiring: anna),
             event: .abandoned(answer("complete", completion: completion(olle))), after: 31, expected: { failed(error: "invalidCompletion", at: $0) }),
        Case(name: "an order that already ended", order: order(status: .complete), event: .abandoned(answer("pending", hint: "outstandingTransaction")),
             after: 600, expected: { _ in .unchanged(.complete) }),
    ]

    @Test(arguments: unwatched)
    func anUnwatchedOrder(_ test: Case) {
        let now = Self.t0.addingTimeInterval(test.after)
        #expect(test.order.plan(test.event, now: now) == test.expected(now))
    }

    @Test func isAbandonedOnlyWhenPendingAndUnseenLongEnough() {
        #expect(!Self.order().isAbandoned(now: Self.t0.addingTimeInterval(29)))
        #expect(Self.order().isAbandoned(now: Self.t0.addingTimeInterval(30)))
        #expect(!Self.order(.sameDevice).isAbandoned(now: Self.t0.addingTimeInterval(179)))
        #expect(Self.order(.sameDevice).isAbandoned(now: Self.t0.addingTimeInterval(180)))
        #expect(!Self.order(status: .cancelled).isAbandoned(now: Self.t0.addingTimeInterval(600)))
    }

    // MARK: - The user cancels

    @Test func cancellingEndsAPendingOrderHereAndAtBankID() {
        let now = Self.t0.addingTimeInterval(5)
        #expect(Self.order().plan(.cancelledByUser, now: now) == BankIDOrderPlan(
            status: .cancelled, cancelAtBankID: true,
            update: .init(status: .cancelled, hintCode: "userCancel", expiresAt: now.addingTimeInterval(300)),
            audit: .init(action: "bankid.cancelled")))
        for status in [BankIDOrderStatus.complete, .failed, .cancelled, .used] {
            #expect(Self.order(status: status).plan(.cancelledByUser, now: now).isEmpty, "\(status)")
        }
    }

    @Test func noPlanCarriesAWholePersonnummer() {
        for test in Self.watched + Self.unwatched {
            let plan = test.order.plan(test.event, now: Self.t0.addingTimeInterval(test.after))
            #expect(!(plan.audit?.details.values.contains { $0.contains(Self.anna) || $0.contains(Self.olle) } ?? false), "\(test.name)")
        }
    }

    @Test func theLifetimesFollowBankIDsTimes() {
        #expect(BankIDOrderMachine.lifetime == BankIDServiceTimes.completionTime + BankIDServiceTimes.failedRetention)
        #expect(BankIDOrderMachine.abandonedOnSameDeviceAfter == 180 && BankIDServiceTimes.collectInterval == 2)
        #expect(BankIDServiceTimes.pickUpTime == 30 && BankIDServiceTimes.completedRetention == 180 && BankIDServiceTimes.failedRetention == 300)
    }
}
