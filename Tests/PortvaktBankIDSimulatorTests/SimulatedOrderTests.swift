import Foundation
import PortvaktCore
import Testing

@testable import PortvaktBankIDSimulator

@Suite struct SimulatedOrderTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let anna = BankIDTestIdentity(personalNumber: "199001012385", givenName: "Anna", surname: "Testsson", name: "Anna Testsson", personalCode: "123456")
    let olle = BankIDTestIdentity(personalNumber: "201701012393", givenName: "Olle", surname: "Yngström", name: "Olle Yngström", personalCode: "654321")

    func order(requiring: String? = nil) -> SimulatedOrder {
        SimulatedOrder(orderRef: "o1", autoStartToken: "a", qrStartToken: "q", qrStartSecret: "s", endUserIp: "127.0.0.1",
                       requiredPersonalNumber: requiring, createdAt: t0)
    }

    @Test func hintsMoveFromOutstandingThroughStartedAndUserSignToComplete() throws {
        var order = order()
        #expect(order.collect(now: t0) == .pending(hintCode: "outstandingTransaction"))
        try order.open(now: t0.addingTimeInterval(5))
        #expect(order.collect(now: t0.addingTimeInterval(6)) == .pending(hintCode: "started"))
        try order.identify(anna, personalCode: "000000", deviceIP: "10.0.0.9", now: t0.addingTimeInterval(7))
        #expect(order.collect(now: t0.addingTimeInterval(8)) == .pending(hintCode: "userSign"))
        try order.identify(anna, personalCode: "123456", deviceIP: "10.0.0.9", now: t0.addingTimeInterval(9))
        guard case .complete(let data) = order.collect(now: t0.addingTimeInterval(10)) else { Issue.record("not complete"); return }
        #expect(data.user.personalNumber == "199001012385" && data.user.givenName == "Anna" && data.device.ipAddress == "10.0.0.9")
        #expect(order.collect(now: t0.addingTimeInterval(9 + 179)) != .gone)
        #expect(order.collect(now: t0.addingTimeInterval(9 + 180)) == .gone, "completed orders are collectable for 3 minutes")
    }

    @Test func anOrderNobodyPicksUpFailsWithStartFailedAfterThirtySeconds() {
        var order = order()
        #expect(order.collect(now: t0.addingTimeInterval(29)) == .pending(hintCode: "outstandingTransaction"))
        #expect(order.collect(now: t0.addingTimeInterval(30)) == .failed(hintCode: "startFailed"))
        #expect(order.collect(now: t0.addingTimeInterval(30 + 299)) == .failed(hintCode: "startFailed"))
        #expect(order.collect(now: t0.addingTimeInterval(30 + 300)) == .gone, "failed orders are collectable for 5 minutes")
        #expect(throws: SimulatedOrder.AppError.notOpen) { try order.open(now: t0.addingTimeInterval(31)) }
    }

    @Test func anOpenedOrderExpiresAfterThreeMinutes() throws {
        var order = order()
        try order.open(now: t0.addingTimeInterval(1))
        #expect(order.collect(now: t0.addingTimeInterval(179)) == .pending(hintCode: "started"))
        #expect(order.collect(now: t0.addingTimeInterval(180)) == .failed(hintCode: "expiredTransaction"))
    }

    @Test func onlyTheRequiredPersonMayComplete() throws {
        var order = order(requiring: anna.personalNumber)
        try order.open(now: t0)
        #expect(throws: SimulatedOrder.AppError.otherPerson) { try order.identify(olle, personalCode: "654321", deviceIP: "::1", now: t0) }
        #expect(order.collect(now: t0) == .pending(hintCode: "started"))
        try order.identify(anna, personalCode: "123456", deviceIP: "::1", now: t0)
        guard case .complete = order.collect(now: t0) else { Issue.record("not complete"); return }
    }

    @Test func threeWrongCodesFailWithCertificateErr() throws {
        var order = order()
        try order.open(now: t0)
        for _ in 0..<2 { try order.identify(anna, personalCode: "1", deviceIP: "::1", now: t0) }
        #expect(order.collect(now: t0) == .pending(hintCode: "userSign"))
        try order.identify(anna, personalCode: "1", deviceIP: "::1", now: t0)
        #expect(order.collect(now: t0) == .failed(hintCode: "certificateErr"))
    }

    @Test func cancellingAndSupersedingFailTheOrder() throws {
        var mine = order()
        try mine.open(now: t0)
        try mine.cancelByUser(now: t0)
        #expect(mine.collect(now: t0) == .failed(hintCode: "userCancel"))
        var older = order()
        older.supersede(now: t0)
        #expect(older.collect(now: t0) == .failed(hintCode: "cancelled"))
        var hinted = order()
        try hinted.setHint("brandNewHint", now: t0)
        #expect(hinted.collect(now: t0) == .pending(hintCode: "brandNewHint"))
    }
}
