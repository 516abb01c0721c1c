import Foundation
import PortvaktBankID
import PortvaktCore
import PortvaktStore

/// Carries out what `BankIDOrderMachine` decides for an order: asks BankID's `/collect` when the event needs its
/// answer, then does what the plan says (`/cancel` at BankID, the store update, the audit record). The order
/// pages, the sweeper and the cancel button all go through it, so an answer is judged the same wherever it
/// arrives.
struct BankIDCollector: Sendable {
    let store: any BankIDOrderStore & AuditLog
    let service: any BankIDService
    /// `bankid.same_device_ip_check`, for the machine.
    let sameDeviceIPCheck: BankIDSameDeviceIPCheck

    init(store: any BankIDOrderStore & AuditLog, bankID: BankIDSetup) {
        self.store = store
        self.service = bankID.service
        self.sameDeviceIPCheck = bankID.sameDeviceIPCheck
    }

    /// A browser watches `order` and `/collect` is due: asks it and carries out the plan.
    @discardableResult
    func collect(_ order: BankIDOrder, now: Date) async throws -> BankIDOrderPlan {
        let collected = await collected(order)
        return try await carryOut(machine(order).plan(.collected(collected), now: now), for: order, now: now)
    }

    /// The sweeper: once nobody has watched `order` long enough, asks `/collect` and carries out the plan (an
    /// order the user is busy with, or has completed, stays; any other is cancelled at BankID).
    @discardableResult
    func sweep(_ order: BankIDOrder, now: Date) async throws -> BankIDOrderPlan {
        let machine = machine(order)
        guard machine.isAbandoned(now: now) else { return .unchanged(order.status) }
        let collected = await collected(order)
        return try await carryOut(machine.plan(.abandoned(collected), now: now), for: order, now: now)
    }

    /// The user cancelled on the order's page, from `source`.
    @discardableResult
    func cancelByUser(_ order: BankIDOrder, source: String?, now: Date) async throws -> BankIDOrderPlan {
        try await carryOut(machine(order).plan(.cancelledByUser, now: now), for: order, source: source, now: now)
    }

    /// What `/collect` said about `order`, errors included.
    private func collected(_ order: BankIDOrder) async -> BankIDOrderMachine.Collected {
        do {
            let answer = try await service.collect(orderRef: order.orderRef)
            return .answer(orderRef: answer.orderRef, status: answer.status, hintCode: answer.hintCode, completion: answer.completionData)
        } catch {
            return .error(code: error.errorCode, retryable: error.isRetryable)
        }
    }

    private func carryOut(_ plan: BankIDOrderPlan, for order: BankIDOrder, source: String? = nil, now: Date) async throws -> BankIDOrderPlan {
        if plan.cancelAtBankID {
            // Best effort: the order ends here whatever BankID says, and BankID ends it by itself within minutes.
            try? await service.cancel(orderRef: order.orderRef)
        }
        if let update = plan.update {
            try await store.updateBankIDOrder(
                id: order.id, status: update.status, hintCode: update.hintCode, completion: update.completion, errorCode: update.errorCode,
                expiresAt: update.expiresAt)
        }
        if let audit = plan.audit {
            try await store.record(
                AuditEvent(at: now, actor: "anonymous", action: audit.action, target: order.id, source: source, details: audit.details))
        }
        return plan
    }

    /// The order as the machine sees it.
    func machine(_ order: BankIDOrder) -> BankIDOrderMachine {
        BankIDOrderMachine(
            orderRef: order.orderRef, start: order.start, requiredPersonalNumber: order.requiredPersonalNumber, endUserIp: order.endUserIp,
            status: order.status, lastSeenAt: order.lastSeenAt, expiresAt: order.expiresAt, sameDeviceIPCheck: sameDeviceIPCheck)
    }
}
