import Foundation

/// When a mail that could not be delivered is tried again: after 30 s, then twice as long each time, at most an
/// hour apart. A mail is never dropped: it waits in the outbox until it is delivered.
public enum OutboxSchedule {
    public static let firstDelay: TimeInterval = 30
    public static let maximumDelay: TimeInterval = 3600

    /// - Parameter attempts: how many deliveries have been tried, the failed one included.
    public static func nextAttempt(afterAttempts attempts: Int, now: Date) -> Date {
        let exponent = Double(max(0, min(attempts - 1, 20)))
        return now.addingTimeInterval(min(maximumDelay, firstDelay * pow(2, exponent)))
    }
}
