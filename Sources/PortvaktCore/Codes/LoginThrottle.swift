import Foundation

/// Brute-force protection arithmetic, per account or per client IP: the first few failures cost nothing, then
/// each further failure doubles the wait (capped), and 100 failures within an hour lock the account for the
/// rest of that hour. The counts live in the store so that every node sees them.
public struct LoginThrottle: Sendable, Equatable {
    /// Failures within the window that are free.
    public var freeFailures = 4
    public var baseDelay: TimeInterval = 1
    public var maximumDelay: TimeInterval = 900
    public var lockoutThreshold = 100
    public var window: TimeInterval = 3600

    public init(
        freeFailures: Int = 4, baseDelay: TimeInterval = 1, maximumDelay: TimeInterval = 900, lockoutThreshold: Int = 100,
        window: TimeInterval = 3600
    ) {
        self.freeFailures = freeFailures
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.lockoutThreshold = lockoutThreshold
        self.window = window
    }

    /// Per client address: many people may share one (an office, a mobile operator's NAT), so more failures are
    /// free, the wait stays short, and an address is never locked.
    public static let perAddress = LoginThrottle(freeFailures: 20, maximumDelay: 60, lockoutThreshold: .max)

    /// Per code subject (an address or an account) over a day: each code allows 5 tries and at most 5 codes go
    /// out an hour, and beyond that 20 wrong codes in 24 hours stop the flow for that subject, so that guessing
    /// codes for a month does not add up.
    public static let perCodeSubject = LoginThrottle(freeFailures: 20, maximumDelay: 0, lockoutThreshold: 20, window: 86_400)

    public enum Decision: Equatable, Sendable {
        case allow
        /// Another attempt must wait until then.
        case wait(until: Date)
        /// Locked until then (the owner is told once, when this starts).
        case locked(until: Date)
    }

    /// - Parameter failures: the times of failed attempts.
    public func decide(failures: [Date], now: Date) -> Decision {
        let recent = failures.filter { now.timeIntervalSince($0) < window }.sorted()
        guard let last = recent.last else { return .allow }
        if recent.count >= lockoutThreshold {
            return .locked(until: recent[recent.count - lockoutThreshold].addingTimeInterval(window))
        }
        let penalised = recent.count - freeFailures
        guard penalised > 0 else { return .allow }
        let delay = min(maximumDelay, baseDelay * pow(2, Double(penalised - 1)))
        let until = last.addingTimeInterval(delay)
        return until > now ? .wait(until: until) : .allow
    }

    /// Whether this failure is the one that starts a lockout (so the owner is told exactly once).
    public func startsLockout(failuresBefore: [Date], now: Date) -> Bool {
        let before = failuresBefore.filter { now.timeIntervalSince($0) < window }.count
        return before == lockoutThreshold - 1
    }
}
