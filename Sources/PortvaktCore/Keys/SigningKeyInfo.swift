import Foundation

/// What Portvakt knows about a signing key, without its private part.
public struct SigningKeyInfo: Sendable, Equatable, Hashable {
    public var kid: String
    public var algorithm: SigningAlgorithm
    public var state: KeyState
    public var createdAt: Date
    /// The earliest time the key may sign: for a `next` key, when every cached JWKS has seen it.
    public var activatesAt: Date
    public var activatedAt: Date?
    public var retiredAt: Date?
    /// The earliest time a retired key may leave the JWKS: every token it signed has expired.
    public var removableAt: Date?
    public var removedAt: Date?

    public init(
        kid: String, algorithm: SigningAlgorithm, state: KeyState, createdAt: Date, activatesAt: Date,
        activatedAt: Date? = nil, retiredAt: Date? = nil, removableAt: Date? = nil, removedAt: Date? = nil
    ) {
        self.kid = kid
        self.algorithm = algorithm
        self.state = state
        self.createdAt = createdAt
        self.activatesAt = activatesAt
        self.activatedAt = activatedAt
        self.retiredAt = retiredAt
        self.removableAt = removableAt
        self.removedAt = removedAt
    }
}
