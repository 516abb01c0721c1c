import Foundation

/// What the kit reads of the provider's discovery document (OpenID Connect Discovery 1.0 §3).
public struct ProviderMetadata: Sendable, Equatable, Decodable {
    public var issuer: String
    public var jwksURI: String
    public var authorizationEndpoint: String
    public var tokenEndpoint: String
    public var userinfoEndpoint: String?
    public var endSessionEndpoint: String?
    public var idTokenSigningAlgValuesSupported: [String]?
    /// RFC 9207: the authorization response carries `iss`, and the callback then requires it.
    public var authorizationResponseIssParameterSupported: Bool?
    public var backchannelLogoutSupported: Bool?

    enum CodingKeys: String, CodingKey {
        case issuer
        case jwksURI = "jwks_uri"
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case userinfoEndpoint = "userinfo_endpoint"
        case endSessionEndpoint = "end_session_endpoint"
        case idTokenSigningAlgValuesSupported = "id_token_signing_alg_values_supported"
        case authorizationResponseIssParameterSupported = "authorization_response_iss_parameter_supported"
        case backchannelLogoutSupported = "backchannel_logout_supported"
    }
}
