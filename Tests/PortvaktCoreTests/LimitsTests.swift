import Foundation
import PortvaktCore
import Testing

@Suite struct LimitsTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func uses(_ count: Int, every seconds: TimeInterval = 1) -> [Date] {
        (0..<count).map { t0.addingTimeInterval(Double($0) * seconds) }
    }

    @Test func codeMailsWaitThirtySecondsAndStopAtFiveAnHour() {
        let limit = Limits.codeMailsPerSubject
        #expect(limit.decide(uses: [], now: t0) == .allow)
        #expect(limit.decide(uses: [t0], now: t0.addingTimeInterval(10)) == .wait(until: t0.addingTimeInterval(30)))
        #expect(limit.decide(uses: [t0], now: t0.addingTimeInterval(30)) == .allow)
        let five = uses(5, every: 60)
        #expect(limit.decide(uses: five, now: t0.addingTimeInterval(600)) == .refused(until: t0.addingTimeInterval(3600)))
        #expect(limit.decide(uses: five, now: t0.addingTimeInterval(3600)) == .allow)
    }

    @Test func passwordFailuresFromOneAddressAreFreeAtFirstThenTheWaitDoublesUpToACapThenStop() {
        let limit = Limits.passwordPerAccountAndAddress
        #expect(limit.decide(uses: uses(4), now: t0.addingTimeInterval(4)) == .allow)
        #expect(limit.decide(uses: uses(5), now: t0.addingTimeInterval(4)) == .wait(until: t0.addingTimeInterval(5)))
        #expect(limit.decide(uses: uses(7), now: t0.addingTimeInterval(6)) == .wait(until: t0.addingTimeInterval(6 + 4)))
        #expect(limit.decide(uses: uses(30), now: t0.addingTimeInterval(29)) == .wait(until: t0.addingTimeInterval(29 + 900)))
        #expect(limit.decide(uses: uses(7), now: t0.addingTimeInterval(3700)) == .allow, "the window has passed")
        #expect(limit.decide(uses: uses(100, every: 30), now: t0.addingTimeInterval(99 * 30 + 1))
            == .refused(until: t0.addingTimeInterval(3600)))
    }

    @Test func anAccountSendsTenApplicationsADayThenWaitsForTheDayToPass() {
        let limit = Limits.applicationsPerAccount
        #expect(limit.decide(uses: uses(9, every: 60), now: t0.addingTimeInterval(600)) == .allow)
        #expect(limit.decide(uses: uses(10, every: 60), now: t0.addingTimeInterval(600)) == .refused(until: t0.addingTimeInterval(86_400)))
        #expect(limit.decide(uses: uses(10, every: 60), now: t0.addingTimeInterval(86_400 + 1)) == .allow, "the first has left the window")
        #expect(Limits.all.contains(limit))
    }

    @Test func aCeilingOnlySlowsAndNeverRefuses() {
        for limit in [Limits.passwordPerAccount, Limits.codePerSubject, Limits.pinPerBusiness, Limits.failuresPerAddress] {
            #expect(limit.budget == nil, "\(limit.name) must not lock anyone out")
            let decision = limit.decide(uses: uses(10_000, every: 0.1), now: t0.addingTimeInterval(1000))
            guard case .wait(let until) = decision else {
                Issue.record("\(limit.name): \(decision)")
                continue
            }
            #expect(until.timeIntervalSince(t0.addingTimeInterval(1000)) <= limit.maximumDelay)
        }
        #expect(Limits.passwordPerAccount.free >= 10 * Limits.passwordPerAccountAndAddress.free, "the ceiling is much higher")
        #expect(Limits.pinPerBusiness.free > Limits.pinPerBusinessAndAccount.free)
    }

    @Test func anUnenforcedClaimCountsUpToTwiceTheBudgetOrTwiceTheFreeUses() {
        #expect(Limits.linkMailsPerBusiness.mostUnenforcedUses == 20, "a budget of 10")
        #expect(Limits.pinPerBusiness.mostUnenforcedUses == 20, "10 free, slowing, no budget")
        #expect(Limits.passwordPerAccount.mostUnenforcedUses == 200)
        // By then every slowing ceiling's wait is at its longest: the uses past it would decide nothing.
        for limit in [Limits.pinPerBusiness, Limits.passwordPerAccount, Limits.codePerSubject] {
            let uses = (0..<limit.mostUnenforcedUses).map { _ in Date(timeIntervalSince1970: 1000) }
            #expect(limit.decide(uses: uses, now: Date(timeIntervalSince1970: 1000)) == .wait(until: Date(timeIntervalSince1970: 1000 + limit.maximumDelay)),
                    "\(limit.name)")
        }
    }

    @Test func everyLimitHasItsOwnNameAndTheNoticeComesOnceAWindow() {
        #expect(Set(Limits.all.map(\.name)).count == Limits.all.count)
        let notice = Limits.passwordPerAccount.notice
        #expect(notice.window == Limits.passwordPerAccount.window && notice.budget == 1)
        #expect(notice.decide(uses: [t0], now: t0.addingTimeInterval(3599)) == .refused(until: t0.addingTimeInterval(3600)))
        #expect(Limits.passwordPerAccount.key("Karin@Kiosken.se", "192.0.2.1") == "password:account|karin@kiosken.se|192.0.2.1")
    }

    /// The README's table is `Limits.markdownTable`, word for word.
    @Test func theReadmeListsEveryLimit() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        #expect(text.contains(Limits.markdownTable), "regenerate the table in README.md from Limits.markdownTable")
    }
}
