import Foundation
import Logging
import PortvaktBankID
import PortvaktCore
import PortvaktStore
import ServiceLifecycle

/// Cancels BankID orders that no browser watches any more (the user closed the tab): BankID is told with
/// `/cancel`, so the order does not linger in the user's app. It asks `/collect` first: an order the user is
/// busy with in the app, or has completed, is left alone. On a phone the browser sleeps while the BankID app is
/// in front, so orders on the same device get BankID's own three minutes. Every node may run it; a second
/// `/cancel` of the same order is harmless.
struct BankIDSweeper: Service {
    let store: any BankIDOrderStore
    let bankID: any BankIDService
    let logger: Logger
    /// An order unseen this long is abandoned; the pages poll every 1–2 seconds.
    static var abandonedAfter: TimeInterval { 30 }
    /// ...and on the same device, where the browser sleeps while the app is open, BankID's own limit.
    static var abandonedOnSameDeviceAfter: TimeInterval { SimulatedOrder.completionTime }

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
            let candidates = try await store.abandonedBankIDOrders(unseenSince: now.addingTimeInterval(-Self.abandonedAfter), limit: 50)
            var cancelled = 0
            for order in candidates {
                if order.start == .sameDevice, now.timeIntervalSince(order.lastSeenAt) < Self.abandonedOnSameDeviceAfter { continue }
                if let answer = try? await bankID.collect(orderRef: order.orderRef) {
                    switch answer.status.lowercased() {
                    case "complete":
                        // Done while the browser slept: kept for when it wakes up.
                        try await store.updateBankIDOrder(
                            id: order.id, status: .complete, hintCode: nil, completion: answer.completionData, errorCode: nil,
                            expiresAt: now.addingTimeInterval(1800))
                        continue
                    case "pending" where ["started", "usersign", "usermrtd"].contains(answer.hintCode?.lowercased() ?? ""):
                        continue
                    default: break
                    }
                }
                try? await bankID.cancel(orderRef: order.orderRef)
                try await store.updateBankIDOrder(
                    id: order.id, status: .cancelled, hintCode: "abandoned", completion: nil, errorCode: nil, expiresAt: now.addingTimeInterval(300))
                cancelled += 1
            }
            return cancelled
        } catch {
            logger.warning("cannot sweep abandoned BankID orders: \(error)")
            return 0
        }
    }
}
