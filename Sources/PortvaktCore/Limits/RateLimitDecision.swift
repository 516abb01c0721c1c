import Foundation

/// What a `RateLimit` says about one more use of its key.
public enum RateLimitDecision: Equatable, Sendable {
    case allow
    /// Slowed: the use may be tried again from then on. A use refused this way is not counted.
    case wait(until: Date)
    /// The budget of the window is spent: nothing more until then. A use refused this way is not counted.
    case refused(until: Date)
}
