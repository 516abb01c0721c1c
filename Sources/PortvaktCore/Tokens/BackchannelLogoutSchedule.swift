import Foundation

/// When a back-channel logout that failed is tried again: soon at first (a portal restarting is back within
/// seconds), then backing off to ten minutes, and given up after `attempts` tries (about two hours). A client that
/// keeps failing never holds up the user's logout: delivery runs beside it.
public enum BackchannelLogoutSchedule {
    public static let firstDelay: TimeInterval = 2
    public static let maximumDelay: TimeInterval = 600
    public static let attempts = 20

    /// The next try after `attempts` failed ones, or nil when the logout is given up.
    public static func nextAttempt(afterAttempts attempts: Int, now: Date) -> Date? {
        guard attempts < Self.attempts else { return nil }
        let exponent = Double(max(0, min(attempts - 1, 20)))
        return now.addingTimeInterval(min(maximumDelay, firstDelay * pow(2, exponent)))
    }
}
