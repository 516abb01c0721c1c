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

    public init() {}

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
