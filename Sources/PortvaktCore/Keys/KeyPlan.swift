/// What a lifecycle step decided: keys to create (with fresh material) and transitions, applied
/// together in one transaction or not at all.
public struct KeyPlan: Sendable, Equatable {
    public var newKeys: [SigningKeyInfo] = []
    public var transitions: [KeyTransition] = []
    /// A `next` key that will be promoted later, without further action, at its `activatesAt`.
    public var pending: SigningKeyInfo?

    public init(newKeys: [SigningKeyInfo] = [], transitions: [KeyTransition] = [], pending: SigningKeyInfo? = nil) {
        self.newKeys = newKeys
        self.transitions = transitions
        self.pending = pending
    }

    public var isEmpty: Bool { newKeys.isEmpty && transitions.isEmpty }
}
