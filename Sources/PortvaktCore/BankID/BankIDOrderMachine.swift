import Foundation

/// The rules of a BankID order in Portvakt, as a value-type state machine with `now` passed in: given what
/// happened (an answer of `/collect` for a browser that watches, the sweeper finding nobody watches any more,
/// the user cancelling), `plan` returns the order's new status and the effects that carry it out. It does no
/// I/O: the server's `BankIDCollector` asks BankID and carries the plan out, for the pages and the sweeper alike.
///
/// Rules: only a pending order moves. An answer about another order, or a completion without a valid
/// personnummer, or with another one than the order requires, fails the order (`invalidResponse`,
/// `invalidCompletion`). An RP API error BankID says may be retried leaves the order pending; any other ends it.
/// An order nobody watches is cancelled at BankID, unless the user is busy with it in the app or has completed
/// it; on the same device, where the browser sleeps while the app is in front, only after BankID's own three
/// minutes. A same-device completion from another IP address than the browser's fails (`deviceIpDiffers`)
/// unless `sameDeviceIPCheck` is `.audit`. Every end but an abandonment is audited, the personnummer masked.
public struct BankIDOrderMachine: Sendable, Equatable {
    /// A completed order waits this long for its sign-up to finish.
    public static let completedLifetime: TimeInterval = 1800
    /// A failed or cancelled order is kept this long, for the page that says why.
    public static let endedRetention = BankIDServiceTimes.failedRetention
    /// How long a new order is kept: BankID's time to complete it, then as long as a failed one.
    public static let lifetime = BankIDServiceTimes.completionTime + BankIDServiceTimes.failedRetention
    /// An order no browser has asked about this long is abandoned; the pages poll every 1–2 seconds.
    public static let abandonedAfter: TimeInterval = 30
    /// ...and on the same device, where the browser sleeps while the app is open, BankID's own limit.
    public static let abandonedOnSameDeviceAfter = BankIDServiceTimes.completionTime
    /// The error code of a same-device order the app completed on another address (`BankIDMessage.deviceIPDiffers`).
    public static let deviceIPDiffers = "deviceIpDiffers"
    /// Pending hint codes (lowercased) that say the user is busy with the order in the app.
    static let busyHints: Set<String> = ["started", "usersign", "usermrtd"]

    /// BankID's reference, which every `/collect` answer must repeat.
    public var orderRef: String
    public var start: BankIDMessage.Start
    /// The personnummer (12 digits) the user gave first, which the completion must carry.
    public var requiredPersonalNumber: String?
    /// The browser's address as BankID was told it: on the same device, the app's should be the same.
    public var endUserIp: String
    public var status: BankIDOrderStatus
    /// When a browser last asked about the order.
    public var lastSeenAt: Date
    /// When the stored order expires; a pending answer keeps it.
    public var expiresAt: Date
    /// Whether a same-device completion from another address fails or is only audited.
    public var sameDeviceIPCheck: BankIDSameDeviceIPCheck

    public init(
        orderRef: String, start: BankIDMessage.Start, requiredPersonalNumber: String?, endUserIp: String, status: BankIDOrderStatus,
        lastSeenAt: Date, expiresAt: Date, sameDeviceIPCheck: BankIDSameDeviceIPCheck = .refuse
    ) {
        self.sameDeviceIPCheck = sameDeviceIPCheck
        self.orderRef = orderRef
        self.start = start
        self.requiredPersonalNumber = requiredPersonalNumber
        self.endUserIp = endUserIp
        self.status = status
        self.lastSeenAt = lastSeenAt
        self.expiresAt = expiresAt
    }

    /// What `/collect` said: its answer (RP API v6 fields), or an RP API error.
    public enum Collected: Sendable, Equatable {
        /// `status` is `pending`, `failed` or `complete` (compared case-insensitively); anything else counts as pending.
        case answer(orderRef: String, status: String, hintCode: String?, completion: BankIDCompletion?)
        /// An error answer or an unreachable service; `retryable` as `BankIDError.isRetryable` says.
        case error(code: String, retryable: Bool)
    }

    public enum Event: Sendable, Equatable {
        /// `/collect` was asked for a browser that watches the order.
        case collected(Collected)
        /// No browser watches the order any more (see `isAbandoned`), and `/collect` was asked first.
        case abandoned(Collected)
        /// The user pressed cancel on the order's page.
        case cancelledByUser
    }

    /// Whether nobody has watched the order long enough for the sweeper to ask `/collect` about it.
    public func isAbandoned(now: Date) -> Bool {
        let unseen = now.timeIntervalSince(lastSeenAt)
        return status == .pending && unseen >= Self.abandonedAfter && (start != .sameDevice || unseen >= Self.abandonedOnSameDeviceAfter)
    }

    /// The new status and the effects of `event` at `now`.
    public func plan(_ event: Event, now: Date) -> BankIDOrderPlan {
        guard status == .pending else { return .unchanged(status) }
        switch event {
        case .collected(let collected):
            return watched(collected, now: now)
        case .abandoned(let collected):
            return abandoned(collected, now: now)
        case .cancelledByUser:
            return BankIDOrderPlan(
                status: .cancelled, cancelAtBankID: true,
                update: .init(status: .cancelled, hintCode: "userCancel", expiresAt: now.addingTimeInterval(Self.endedRetention)),
                audit: .init(action: "bankid.cancelled"))
        }
    }

    private func watched(_ collected: Collected, now: Date) -> BankIDOrderPlan {
        switch collected {
        case .error(_, retryable: true):
            // BankID busy or briefly unreachable: the next poll tries again.
            return .unchanged(.pending)
        case .error(let code, retryable: false):
            return failed(hint: nil, error: code, now: now)
        case .answer(let answerRef, let status, let hintCode, let completion):
            guard answerRef == orderRef else { return failed(hint: nil, error: "invalidResponse", now: now) }
            switch status.lowercased() {
            case "complete": return completed(completion, now: now)
            case "failed": return failed(hint: hintCode, error: nil, now: now)
            default: return BankIDOrderPlan(status: .pending, update: .init(status: .pending, hintCode: hintCode, expiresAt: expiresAt))
            }
        }
    }

    private func abandoned(_ collected: Collected, now: Date) -> BankIDOrderPlan {
        guard isAbandoned(now: now) else { return .unchanged(.pending) }
        if case .answer(let answerRef, let status, let hintCode, let completion) = collected {
            guard answerRef == orderRef else {
                // Nothing is known about the order itself: it is ended here and at BankID.
                var plan = failed(hint: nil, error: "invalidResponse", now: now)
                plan.cancelAtBankID = true
                return plan
            }
            switch status.lowercased() {
            case "complete":
                // Done while the browser slept: kept for when it wakes up, if it is what the order asked for.
                return completed(completion, now: now)
            case "pending" where Self.busyHints.contains(hintCode?.lowercased() ?? ""):
                return .unchanged(.pending)
            default:
                break
            }
        }
        return BankIDOrderPlan(
            status: .cancelled, cancelAtBankID: true,
            update: .init(status: .cancelled, hintCode: "abandoned", expiresAt: now.addingTimeInterval(Self.endedRetention)))
    }

    private func completed(_ completion: BankIDCompletion?, now: Date) -> BankIDOrderPlan {
        guard let completion, let number = PersonalNumber(bankID: completion.user.personalNumber, today: now),
            requiredPersonalNumber == nil || requiredPersonalNumber == number.digits
        else { return failed(hint: nil, error: "invalidCompletion", now: now) }
        var details = ["personal_number": number.masked]
        // On the same device, BankID saw the browser's address; another one hints at a relayed start link.
        if start == .sameDevice, completion.device.ipAddress != endUserIp {
            details["device_ip_differs"] = "yes"
            if sameDeviceIPCheck == .refuse {
                var plan = failed(hint: nil, error: Self.deviceIPDiffers, now: now)
                plan.audit?.details.merge(details) { $1 }
                return plan
            }
        }
        return BankIDOrderPlan(
            status: .complete,
            update: .init(status: .complete, completion: completion, expiresAt: now.addingTimeInterval(Self.completedLifetime)),
            audit: .init(action: "bankid.completed", details: details))
    }

    private func failed(hint: String?, error: String?, now: Date) -> BankIDOrderPlan {
        BankIDOrderPlan(
            status: .failed,
            update: .init(status: .failed, hintCode: hint, errorCode: error, expiresAt: now.addingTimeInterval(Self.endedRetention)),
            audit: .init(action: "bankid.failed", details: ["hint": hint ?? "", "error": error ?? ""]))
    }
}
