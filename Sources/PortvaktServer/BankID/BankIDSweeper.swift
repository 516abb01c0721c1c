import Foundation
import Logging
import PortvaktBankID
import PortvaktStore
import ServiceLifecycle

/// Cancels BankID orders that no browser watches any more (the user closed the tab): BankID is told with
/// `/cancel`, so the order does not linger in the user's app. Every node may run it; a second `/cancel` of the
/// same order is harmless.
struct BankIDSweeper: Service {
    let store: any BankIDOrderStore
    let bankID: any BankIDService
    let logger: Logger
    /// An order unseen this long is abandoned; the pages poll every 1–2 seconds.
    static var abandonedAfter: TimeInterval { 20 }

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await sweep(now: Date())
                try await Task.sleep(for: .seconds(5))
            }
        }
    }

    /// One round; returns how many orders were cancelled.
    @discardableResult
    func sweep(now: Date) async -> Int {
        do {
            let abandoned = try await store.abandonedBankIDOrders(unseenSince: now.addingTimeInterval(-Self.abandonedAfter), limit: 50)
            for order in abandoned {
                try? await bankID.cancel(orderRef: order.orderRef)
                try await store.updateBankIDOrder(
                    id: order.id, status: .cancelled, hintCode: "abandoned", completion: nil, errorCode: nil, expiresAt: now.addingTimeInterval(300))
            }
            return abandoned.count
        } catch {
            logger.warning("cannot sweep abandoned BankID orders: \(error)")
            return 0
        }
    }
}
