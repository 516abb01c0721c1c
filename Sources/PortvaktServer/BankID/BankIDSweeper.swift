import Foundation
import Logging
import PortvaktBankID
import PortvaktCore
import PortvaktStore
import ServiceLifecycle

/// Cancels BankID orders that no browser watches any more (the user closed the tab): BankID is told with
/// `/cancel`, so the order does not linger in the user's app. It asks `/collect` first and judges the answer as
/// the order pages do (`BankIDOrderMachine`): an order the user is busy with in the app stays, a completed one
/// is kept for the browser that comes back (if it carries the personnummer the order requires), with its audit
/// record. On a phone the browser sleeps while the BankID app is in front, so orders on the same device get
/// BankID's own three minutes. Every node may run it; a second `/cancel` of the same order is harmless.
struct BankIDSweeper: Service {
    let store: any BankIDOrderStore & AuditLog
    let bankID: BankIDSetup
    let logger: Logger
    /// The server's clock (`RouterOptions.now`), the one the order pages judge an order's age by.
    var now: @Sendable () -> Date = { Date() }

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await sweep(now: now())
                try await Task.sleep(for: .seconds(5))
            }
        }
    }

    /// One round; returns how many orders it ended (cancelled, or failed for an answer that does not fit).
    @discardableResult
    func sweep(now: Date) async -> Int {
        do {
            let candidates = try await store.abandonedBankIDOrders(
                unseenSince: now.addingTimeInterval(-BankIDOrderMachine.abandonedAfter), limit: 50)
            let collector = BankIDCollector(store: store, bankID: bankID)
            var ended = 0
            for order in candidates {
                let plan = try await collector.sweep(order, now: now)
                if plan.status == .cancelled || plan.status == .failed { ended += 1 }
            }
            return ended
        } catch {
            logger.warning("cannot sweep abandoned BankID orders: \(error)")
            return 0
        }
    }
}
