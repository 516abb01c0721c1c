import Foundation
import PortvaktBankID
import PortvaktCore

/// The BankID service and the user's BankID app, simulated: the service side answers the RP API v6.0 exactly
/// as the real one does (`SimulatedOrder` holds the rules), the app side opens orders from a scanned QR code
/// or an autostart token and identifies with a test identity's personal code. Orders live in memory: the
/// simulator serves one Portvakt on the embedded default, or runs standalone.
public actor BankIDSimulator {
    nonisolated public let identities: [BankIDTestIdentity]
    private var orders: [String: SimulatedOrder] = [:]
    private var sessions: [String: String] = [:]
    private var visibleText: [String: String] = [:]
    private var maintenance = false
    private let now: @Sendable () -> Date

    public init(identities: [BankIDTestIdentity], now: @escaping @Sendable () -> Date = { Date() }) {
        self.identities = identities
        self.now = now
    }

    /// Skatteverket's public test numbers, as shipped in `conf/bankid-test-identities.json`.
    public static func loadIdentities(file: String, today: Date) throws -> [BankIDTestIdentity] {
        let identities = try JSONDecoder().decode([BankIDTestIdentity].self, from: Data(contentsOf: URL(fileURLWithPath: file)))
        for identity in identities where PersonalNumber(bankID: identity.personalNumber, today: today) == nil {
            throw BankIDError(status: 0, errorCode: "invalidIdentity", details: "\(identity.personalNumber) in \(file) is not a valid 12-digit personnummer")
        }
        return identities
    }

    // MARK: - The service (RP API v6.0)

    public func auth(_ request: BankIDWire.AuthRequest) throws(BankIDError) -> BankIDWire.AuthResponse {
        try checkMaintenance()
        let now = now()
        guard ClientAddress.isIPAddress(request.endUserIp) else { throw Self.invalid("endUserIp must be an IP address") }
        var required: String?
        if let personalNumber = request.requirement?.personalNumber {
            guard PersonalNumber(bankID: personalNumber, today: now) != nil else { throw Self.invalid("requirement.personalNumber must be 12 valid digits") }
            required = personalNumber
        }
        var text: String?
        if let visible = request.userVisibleData {
            guard let data = Data(base64Encoded: visible), data.count <= 1500, let decoded = String(data: data, encoding: .utf8) else {
                throw Self.invalid("userVisibleData must be base64 of at most 1,500 bytes of UTF-8")
            }
            text = decoded
        }
        if let required {
            // A second order for a person with one in progress: this one is refused and that one cancelled.
            let existing = orders.values.filter { $0.requiredPersonalNumber == required && $0.isOpen(now: now) }
            if !existing.isEmpty {
                for order in existing { orders[order.orderRef]?.supersede(now: now) }
                throw BankIDError(status: 400, errorCode: "alreadyInProgress", details: "An order for this personal number is already in progress")
            }
        }
        purge(now: now)
        let order = SimulatedOrder(
            orderRef: UUID().uuidString.lowercased(), autoStartToken: UUID().uuidString.lowercased(), qrStartToken: UUID().uuidString.lowercased(),
            qrStartSecret: UUID().uuidString.lowercased(), endUserIp: request.endUserIp, requiredPersonalNumber: required, createdAt: now)
        orders[order.orderRef] = order
        visibleText[order.orderRef] = text
        return BankIDWire.AuthResponse(
            orderRef: order.orderRef, autoStartToken: order.autoStartToken, qrStartToken: order.qrStartToken, qrStartSecret: order.qrStartSecret)
    }

    public func collect(orderRef: String) throws(BankIDError) -> BankIDWire.CollectResponse {
        try checkMaintenance()
        guard var order = orders[orderRef] else { throw Self.invalid("No such order") }
        let collected = order.collect(now: now())
        orders[orderRef] = order
        switch collected {
        case .pending(let hint): return .init(orderRef: orderRef, status: "pending", hintCode: hint)
        case .failed(let hint): return .init(orderRef: orderRef, status: "failed", hintCode: hint)
        case .complete(let data): return .init(orderRef: orderRef, status: "complete", completionData: data)
        case .gone:
            forget(orderRef)
            throw Self.invalid("No such order")
        }
    }

    public func cancel(orderRef: String) throws(BankIDError) {
        try checkMaintenance()
        guard orders[orderRef] != nil else { throw Self.invalid("No such order") }
        forget(orderRef)
    }

    private func checkMaintenance() throws(BankIDError) {
        if maintenance { throw BankIDError(status: 503, errorCode: "maintenance", details: "The service is under maintenance") }
    }

    static func invalid(_ details: String) -> BankIDError {
        BankIDError(status: 400, errorCode: "invalidParameters", details: details)
    }

    private func forget(_ orderRef: String) {
        orders[orderRef] = nil
        visibleText[orderRef] = nil
        sessions = sessions.filter { $0.value != orderRef }
    }

    /// Orders past their retention are forgotten, so memory stays bounded.
    private func purge(now: Date) {
        for (ref, var order) in orders where order.collect(now: now) == .gone { forget(ref) }
    }

    // MARK: - The app

    public enum AppError: Error, Equatable, Sendable {
        case unknownOrder
        case invalidQR
        case expiredQR
        case notOpen
        case otherPerson
        case unknownIdentity
        case unknownSession

        public var message: String {
            switch self {
            case .unknownOrder: "No order has this start token."
            case .invalidQR: "This is not a valid BankID QR code."
            case .expiredQR: "The QR code is too old. Scan the one shown now."
            case .notOpen: "The order is no longer waiting for you."
            case .otherPerson: "This order is for another person."
            case .unknownIdentity: "No test identity has this personal number."
            case .unknownSession: "No such session."
            }
        }
    }

    /// "Scanning" a QR code: the HMAC must be right and its time within a second of the order's age, as the
    /// real app checks.
    public func open(qr content: String) throws(AppError) -> String {
        guard let (token, seconds, code) = BankIDQR.parse(content),
            let order = orders.values.first(where: { $0.qrStartToken == token }),
            ConstantTime.equal(Array(BankIDQR.authCode(secret: order.qrStartSecret, seconds: seconds).utf8), Array(code.utf8))
        else { throw .invalidQR }
        let age = now().timeIntervalSince(order.createdAt)
        guard Double(seconds) <= age + 1, age - Double(seconds) < 2 else { throw .expiredQR }
        return try open(order.orderRef)
    }

    /// Opening an autostart link on the same device.
    public func open(autoStartToken: String) throws(AppError) -> String {
        guard let order = orders.values.first(where: { $0.autoStartToken == autoStartToken }) else { throw .unknownOrder }
        return try open(order.orderRef)
    }

    private func open(_ orderRef: String) throws(AppError) -> String {
        do {
            try orders[orderRef]?.open(now: now())
        } catch {
            throw .notOpen
        }
        let session = UUID().uuidString.lowercased()
        sessions[session] = orderRef
        return session
    }

    /// The text the order shows in the app, and whether it still waits.
    public func sessionView(_ session: String) throws(AppError) -> (text: String?, status: String, requiredPersonalNumber: String?) {
        guard let ref = sessions[session], var order = orders[ref] else { throw .unknownSession }
        let status: String = switch order.collect(now: now()) {
        case .pending(let hint): hint
        case .complete: "complete"
        case .failed(let hint): hint
        case .gone: "gone"
        }
        return (visibleText[ref], status, order.requiredPersonalNumber)
    }

    public func identify(session: String, personalNumber: String, personalCode: String, deviceIP: String = "127.0.0.1") throws(AppError) {
        guard let ref = sessions[session], orders[ref] != nil else { throw .unknownSession }
        guard let identity = identities.first(where: { $0.personalNumber == personalNumber }) else { throw .unknownIdentity }
        let now = now()
        do {
            try orders[ref]!.identify(identity, personalCode: personalCode, deviceIP: deviceIP, now: now)
        } catch .otherPerson {
            throw .otherPerson
        } catch {
            throw .notOpen
        }
        if case .complete = orders[ref]!.state {
            // The person's other open orders end: only one may be in progress.
            for (other, order) in orders where other != ref && order.requiredPersonalNumber == personalNumber {
                orders[other]?.supersede(now: now)
            }
        }
    }

    public func cancel(session: String) throws(AppError) {
        guard let ref = sessions[session], orders[ref] != nil else { throw .unknownSession }
        do { try orders[ref]!.cancelByUser(now: now()) } catch { throw .notOpen }
    }

    /// For tests: a pending order reports `hintCode` (an unknown one, say).
    public func setHint(session: String, hintCode: String) throws(AppError) {
        guard let ref = sessions[session], orders[ref] != nil else { throw .unknownSession }
        do { try orders[ref]!.setHint(hintCode, now: now()) } catch { throw .notOpen }
    }

    /// For tests: every RP API call answers 503 `maintenance` while on.
    public func setMaintenance(_ on: Bool) {
        maintenance = on
    }
}
