import Foundation

/// What a lifecycle step decided: keys to create (with fresh material) and transitions, applied
/// together in one transaction or not at all.
public struct KeyPlan: Sendable, Equatable {
    public var newKeys: [SigningKeyInfo] = []
    public var transitions: [KeyTransition] = []
    /// A `next` key that will be promoted later, without further action, at its `activatesAt`.
    public var pending: SigningKeyInfo?
    /// A compromised key's revocation: every grant made before this time and not yet ended is ended (with its
    /// codes and refresh tokens) in the same transaction. Grants do not record which key signed their tokens, so
    /// every grant that lived while the key signed is taken.
    public var endGrantsCreatedBefore: Date?

    public init(
        newKeys: [SigningKeyInfo] = [], transitions: [KeyTransition] = [], pending: SigningKeyInfo? = nil, endGrantsCreatedBefore: Date? = nil
    ) {
        self.newKeys = newKeys
        self.transitions = transitions
        self.pending = pending
        self.endGrantsCreatedBefore = endGrantsCreatedBefore
    }

    public var isEmpty: Bool { newKeys.isEmpty && transitions.isEmpty && endGrantsCreatedBefore == nil }
}
