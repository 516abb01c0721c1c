/// The grants Portvakt implements.
public enum GrantType: String, Sendable, Codable, CaseIterable {
    case authorizationCode = "authorization_code"
    case refreshToken = "refresh_token"
    case clientCredentials = "client_credentials"
}
