import Foundation
import PortvaktCore

/// One order in the BankID simulator, as a value-type state machine with `now` passed in. It follows the real
/// service's rules: an order nobody picks up within 30 s fails with `startFailed`, one not completed within
/// three minutes with `expiredTransaction`; completed orders can be collected for 3 minutes, failed ones for 5;
/// `requirement.personalNumber` lets only that person complete; three wrong personal codes fail it with
/// `certificateErr`.
public struct SimulatedOrder: Sendable, Equatable {
    public static let maximumWrongCodes = 3

    public enum State: Sendable, Equatable {
        case outstanding
        /// The app opened it; `hintCode` is what `/collect` reports (`started`, `userSign`, or a test's own).
        case pending(hintCode: String)
        case complete(BankIDCompletion, at: Date)
        case failed(hintCode: String, at: Date)
    }

    public let orderRef: String
    public let autoStartToken: String
    public let qrStartToken: String
    public let qrStartSecret: String
    public let endUserIp: String
    public let requiredPersonalNumber: String?
    public let createdAt: Date
    public private(set) var state: State = .outstanding
    public private(set) var wrongCodes = 0

    public init(
        orderRef: String, autoStartToken: String, qrStartToken: String, qrStartSecret: String, endUserIp: String,
        requiredPersonalNumber: String?, createdAt: Date
    ) {
        self.orderRef = orderRef
        self.autoStartToken = autoStartToken
        self.qrStartToken = qrStartToken
        self.qrStartSecret = qrStartSecret
        self.endUserIp = endUserIp
        self.requiredPersonalNumber = requiredPersonalNumber
        self.createdAt = createdAt
    }

    /// What `/collect` answers.
    public enum Collected: Equatable, Sendable {
        case pending(hintCode: String)
        case complete(BankIDCompletion)
        case failed(hintCode: String)
        /// Past its retention: the service no longer knows it (`invalidParameters`).
        case gone
    }

    /// Applies the timeouts that have passed by `now`.
    public mutating func advance(now: Date) {
        switch state {
        case .outstanding where now >= createdAt.addingTimeInterval(BankIDServiceTimes.pickUpTime):
            state = .failed(hintCode: "startFailed", at: createdAt.addingTimeInterval(BankIDServiceTimes.pickUpTime))
        case .pending where now >= createdAt.addingTimeInterval(BankIDServiceTimes.completionTime):
            state = .failed(hintCode: "expiredTransaction", at: createdAt.addingTimeInterval(BankIDServiceTimes.completionTime))
        default: break
        }
    }

    public mutating func collect(now: Date) -> Collected {
        advance(now: now)
        switch state {
        case .outstanding: return .pending(hintCode: "outstandingTransaction")
        case .pending(let hint): return .pending(hintCode: hint)
        case .complete(let data, let at): return now < at.addingTimeInterval(BankIDServiceTimes.completedRetention) ? .complete(data) : .gone
        case .failed(let hint, let at): return now < at.addingTimeInterval(BankIDServiceTimes.failedRetention) ? .failed(hintCode: hint) : .gone
        }
    }

    /// Whether the order still waits for its user (not complete, failed or timed out).
    public func isOpen(now: Date) -> Bool {
        var copy = self
        copy.advance(now: now)
        switch copy.state {
        case .outstanding, .pending: return true
        case .complete, .failed: return false
        }
    }

    public enum AppError: Error, Equatable, Sendable {
        /// The order is no longer waiting for its user.
        case notOpen
        /// The order may only be completed by the person in `requirement.personalNumber`.
        case otherPerson
    }

    /// The app picked the order up (a scanned QR code or an autostart link).
    public mutating func open(now: Date) throws(AppError) {
        advance(now: now)
        guard case .outstanding = state else { throw .notOpen }
        state = .pending(hintCode: "started")
    }

    /// The user picked `identity` and entered `personalCode`. A wrong code keeps the order at `userSign`;
    /// the third fails it with `certificateErr`.
    public mutating func identify(_ identity: BankIDTestIdentity, personalCode: String, deviceIP: String, now: Date) throws(AppError) {
        advance(now: now)
        guard case .pending = state else { throw .notOpen }
        if let required = requiredPersonalNumber, required != identity.personalNumber { throw .otherPerson }
        guard personalCode == identity.personalCode else {
            wrongCodes += 1
            state = wrongCodes >= Self.maximumWrongCodes ? .failed(hintCode: "certificateErr", at: now) : .pending(hintCode: "userSign")
            return
        }
        let user = BankIDCompletion.User(
            personalNumber: identity.personalNumber, name: identity.name, givenName: identity.givenName, surname: identity.surname)
        let issue = ISO8601DateFormatter.string(from: createdAt.addingTimeInterval(-86_400 * 400), timeZone: .gmt, formatOptions: [.withFullDate])
        state = .complete(
            BankIDCompletion(
                user: user, device: .init(ipAddress: deviceIP, uhi: "simulated-\(orderRef.prefix(8))"), bankIdIssueDate: issue,
                signature: Data("<Signature simulated=\"true\"/>".utf8).base64EncodedString(),
                ocspResponse: Data("simulated".utf8).base64EncodedString()),
            at: now)
    }

    /// The user cancelled in the app.
    public mutating func cancelByUser(now: Date) throws(AppError) {
        advance(now: now)
        guard isOpen(now: now) else { throw .notOpen }
        state = .failed(hintCode: "userCancel", at: now)
    }

    /// A newer order for the same person replaced this one.
    public mutating func supersede(now: Date) {
        advance(now: now)
        if isOpen(now: now) { state = .failed(hintCode: "cancelled", at: now) }
    }

    /// A test sets the hint code a pending order reports (to see unknown codes handled).
    public mutating func setHint(_ hintCode: String, now: Date) throws(AppError) {
        advance(now: now)
        guard isOpen(now: now) else { throw .notOpen }
        state = .pending(hintCode: hintCode)
    }
}
