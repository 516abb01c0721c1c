import PortvaktCore

/// The outcome of `claimAttempt`.
public struct AttemptClaim: Sendable, Equatable {
    public var decision: LoginThrottle.Decision
    /// How many failures the key had within the window before this attempt.
    public var failuresBefore: Int
    /// The recorded attempt, if it was recorded.
    public var attemptID: Int64?

    public init(decision: LoginThrottle.Decision, failuresBefore: Int, attemptID: Int64?) {
        self.decision = decision
        self.failuresBefore = failuresBefore
        self.attemptID = attemptID
    }
}
