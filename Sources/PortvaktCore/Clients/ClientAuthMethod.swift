/// How a client authenticates at the token endpoint (OpenID Connect Core §9).
public enum ClientAuthMethod: String, Sendable, Codable, CaseIterable {
    case clientSecretBasic = "client_secret_basic"
    case clientSecretPost = "client_secret_post"
    case privateKeyJWT = "private_key_jwt"
    case none

    /// Whether the method uses a shared secret.
    public var usesSecret: Bool { self == .clientSecretBasic || self == .clientSecretPost }
}
