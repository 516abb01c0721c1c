import Foundation

/// The token endpoint's answer (RFC 6749 §5.1, OpenID Connect Core §3.1.3.3).
struct TokenResponse: Decodable, Sendable {
    var accessToken: String
    var tokenType: String
    var idToken: String?
    var refreshToken: String?
    var expiresIn: Int?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case tokenType = "token_type"
        case idToken = "id_token"
        case refreshToken = "refresh_token"
        case expiresIn = "expires_in"
    }
}

/// The token endpoint's error (RFC 6749 §5.2).
struct TokenErrorResponse: Decodable, Sendable {
    var error: String
    var errorDescription: String?

    enum CodingKeys: String, CodingKey {
        case error
        case errorDescription = "error_description"
    }
}
