import Foundation

/// What `BankIDOrderMachine` decided for one event: the order's new status, and the effects that carry it out,
/// in this order: `/cancel` at BankID, the store update, the audit record. An empty plan changes nothing.
public struct BankIDOrderPlan: Sendable, Equatable {
    /// What the store records for the order (applied only while it is still pending, as the store promises).
    public struct Update: Sendable, Equatable {
        public var status: BankIDOrderStatus
        public var hintCode: String?
        public var completion: BankIDCompletion?
        public var errorCode: String?
        public var expiresAt: Date

        public init(status: BankIDOrderStatus, hintCode: String? = nil, completion: BankIDCompletion? = nil, errorCode: String? = nil, expiresAt: Date) {
            self.status = status
            self.hintCode = hintCode
            self.completion = completion
            self.errorCode = errorCode
            self.expiresAt = expiresAt
        }
    }

    /// An audit record about the order (the actor is anonymous: nobody is logged in yet).
    public struct Audit: Sendable, Equatable {
        public var action: String
        /// Never a whole personnummer: `personal_number` is masked.
        public var details: [String: String]

        public init(action: String, details: [String: String] = [:]) {
            self.action = action
            self.details = details
        }
    }

    /// The order's status after the event (unchanged when the plan is empty).
    public var status: BankIDOrderStatus
    public var cancelAtBankID: Bool
    public var update: Update?
    public var audit: Audit?

    public init(status: BankIDOrderStatus, cancelAtBankID: Bool = false, update: Update? = nil, audit: Audit? = nil) {
        self.status = status
        self.cancelAtBankID = cancelAtBankID
        self.update = update
        self.audit = audit
    }

    /// Nothing to do: the order stays as it is.
    public static func unchanged(_ status: BankIDOrderStatus) -> BankIDOrderPlan { BankIDOrderPlan(status: status) }

    public var isEmpty: Bool { !cancelAtBankID && update == nil && audit == nil }
}
