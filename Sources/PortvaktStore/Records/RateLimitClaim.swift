import PortvaktCore

/// The outcome of `RateLimitStore.claim`.
public struct RateLimitClaim: Sendable, Equatable {
    public var decision: RateLimitDecision
    /// How many uses the key had within the window before this one.
    public var usesBefore: Int
    /// The counted use, when it was counted.
    public var useID: Int64?

    public init(decision: RateLimitDecision, usesBefore: Int, useID: Int64?) {
        self.decision = decision
        self.usesBefore = usesBefore
        self.useID = useID
    }

    public var isAllowed: Bool { decision == .allow }
}
