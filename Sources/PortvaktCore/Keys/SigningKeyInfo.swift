import Foundation

/// The lifecycle state of one signing key: `next` -> `active` -> `retired` -> `removed`.
public enum KeyState: String, Sendable, Codable, CaseIterable, Hashable {
    /// Published in the JWKS, not yet signing. Waits for relying parties' JWKS caches to see it.
    case next
    /// The one key of its algorithm that signs new tokens.
    case active
    /// Still published so tokens it signed keep verifying; no longer signs.
    case retired
    /// Gone from the JWKS; its private part is wiped. The row stays for the audit trail.
    case removed

    /// Whether the public key belongs in the JWKS.
    public var isPublished: Bool { self != .removed }
}

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
