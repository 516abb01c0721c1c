import Foundation
import PortvaktCore

public protocol BankIDOrderStore: Sendable {
    func saveBankIDOrder(_ order: BankIDOrder) async throws
    /// The order, and the browser has now seen it (`lastSeenAt`).
    func bankIDOrder(id: String, seenAt: Date?) async throws -> BankIDOrder?
    /// Claims the right to call `/collect` for a pending order now: true for one caller per `interval`, across
    /// every node, so BankID is polled every 2 seconds however many browsers and nodes ask.
    func claimBankIDCollect(id: String, now: Date, interval: TimeInterval) async throws -> Bool
    /// Records what `/collect` (or `/cancel`) said, if the order is still pending: a late answer never
    /// overwrites a newer one, and a finished order stays finished.
    func updateBankIDOrder(
        id: String, status: BankIDOrder.Status, hintCode: String?, completion: BankIDCompletion?, errorCode: String?, expiresAt: Date
    ) async throws
    /// Pending orders no browser has asked about since `unseenSince`, for cancelling.
    func abandonedBankIDOrders(unseenSince: Date, limit: Int) async throws -> [BankIDOrder]
    /// Marks a completed order used, forgetting what it no longer needs (the completion data, the QR secret);
    /// true for exactly one caller.
    func useBankIDOrder(id: String) async throws -> Bool
}
