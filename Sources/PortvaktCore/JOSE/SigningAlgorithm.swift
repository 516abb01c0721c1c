/// The JWS algorithms Portvakt signs with, and the key type behind each.
public enum SigningAlgorithm: String, Sendable, Codable, CaseIterable, Hashable {
    /// RSASSA-PKCS1-v1_5 with SHA-256 over an RSA-2048 key: OpenID Connect's mandatory default.
    case rs256 = "RS256"
    /// ECDSA P-256 with SHA-256.
    case es256 = "ES256"
    /// EdDSA over Ed25519 (RFC 8037).
    case eddsa = "EdDSA"

    public var keyDescription: String {
        switch self {
        case .rs256: "RSA-2048"
        case .es256: "P-256"
        case .eddsa: "Ed25519"
        }
    }
}
