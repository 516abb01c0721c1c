import Foundation
import PortvaktCore

/// A BankID order a browser is waiting on, shared by every node: the RP API's answer to `/auth` (the QR secret
/// stays here, never in the browser), what `/collect` said last, and the request it logs in for.
public struct BankIDOrder: Sendable, Equatable {
    /// The status, as the order rules in the core know it.
    public typealias Status = BankIDOrderStatus

    /// The browser-facing id (random; `orderRef` is BankID's and stays on the server).
    public var id: String
    public var orderRef: String
    public var autoStartToken: String
    public var qrStartToken: String
    public var qrStartSecret: String
    public var start: BankIDMessage.Start
    /// The personnummer the user gave first, which the completion must carry.
    public var requiredPersonalNumber: String?
    /// The browser's address as BankID was told it (`endUserIp`).
    public var endUserIp: String
    /// The pending authorization request, or nil when no app waits.
    public var pendingID: String?
    public var browserBinding: [UInt8]
    public var createdAt: Date
    public var status: Status
    public var hintCode: String?
    public var completion: BankIDCompletion?
    /// Set when the order failed with an RP API error rather than a hint code (`maintenance`, …).
    public var errorCode: String?
    /// When `/collect` is next due.
    public var nextCollectAt: Date
    /// When a browser last asked about it: an order nobody watches is cancelled.
    public var lastSeenAt: Date
    public var expiresAt: Date

    public init(
        id: String, orderRef: String, autoStartToken: String, qrStartToken: String, qrStartSecret: String, start: BankIDMessage.Start,
        requiredPersonalNumber: String? = nil, endUserIp: String, pendingID: String?, browserBinding: [UInt8], createdAt: Date, status: Status = .pending, hintCode: String? = nil,
        completion: BankIDCompletion? = nil, errorCode: String? = nil, nextCollectAt: Date, lastSeenAt: Date, expiresAt: Date
    ) {
        self.id = id
        self.orderRef = orderRef
        self.autoStartToken = autoStartToken
        self.qrStartToken = qrStartToken
        self.qrStartSecret = qrStartSecret
        self.start = start
        self.requiredPersonalNumber = requiredPersonalNumber
        self.endUserIp = endUserIp
        self.pendingID = pendingID
        self.browserBinding = browserBinding
        self.createdAt = createdAt
        self.status = status
        self.hintCode = hintCode
        self.completion = completion
        self.errorCode = errorCode
        self.nextCollectAt = nextCollectAt
        self.lastSeenAt = lastSeenAt
        self.expiresAt = expiresAt
    }
}
