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
