/// OpenID Provider Metadata (OpenID Connect Discovery 1.0 §3), derived from the configuration and the
/// endpoints that actually exist. A member appears here only once what it describes works.
public struct DiscoveryDocument: Codable, Sendable, Equatable {
    public var issuer: String
    public var jwksURI: String
    public var authorizationEndpoint: String
    public var tokenEndpoint: String
    public var userinfoEndpoint: String
    public var revocationEndpoint: String
    public var introspectionEndpoint: String
    public var endSessionEndpoint: String
    public var responseTypesSupported = ["code"]
    public var responseModesSupported = ["query"]
    public var grantTypesSupported = GrantType.allCases.map(\.rawValue)
    public var subjectTypesSupported = ["public"]
    public var idTokenSigningAlgValuesSupported: [String]
    public var scopesSupported = ClientRegistration.knownScopes
    /// The token's own claims and every claim of the claims policy, so discovery lists what tokens carry.
    public var claimsSupported = ["sub"] + TokenFactory.tokenClaims + ClaimsPolicy.standard.claimNames.filter { $0 != "sub" }
    public var claimsParameterSupported = true
    public var requestParameterSupported = false
    public var requestURIParameterSupported = false
    public var codeChallengeMethodsSupported = ["S256"]
    public var tokenEndpointAuthMethodsSupported = ClientAuthMethod.allCases.map(\.rawValue)
    public var tokenEndpointAuthSigningAlgValuesSupported = ["RS256", "ES256", "EdDSA"]
    public var revocationEndpointAuthMethodsSupported = ClientAuthMethod.allCases.map(\.rawValue)
    public var introspectionEndpointAuthMethodsSupported = ClientAuthMethod.allCases.filter { $0 != .none }.map(\.rawValue)
    public var promptValuesSupported = AuthorizationRequest.Prompt.allCases.map(\.rawValue)
    public var authorizationResponseIssParameterSupported = true
    /// OpenID Connect Back-Channel Logout 1.0: logout tokens carry `sid`, and clients may require it.
    public var backchannelLogoutSupported = true
    public var backchannelLogoutSessionSupported = true
    public var uiLocalesSupported = ["sv", "en"]
    public var acrValuesSupported: [String]?

    enum CodingKeys: String, CodingKey {
        case issuer
        case jwksURI = "jwks_uri"
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case userinfoEndpoint = "userinfo_endpoint"
        case revocationEndpoint = "revocation_endpoint"
        case introspectionEndpoint = "introspection_endpoint"
        case endSessionEndpoint = "end_session_endpoint"
        case backchannelLogoutSupported = "backchannel_logout_supported"
        case backchannelLogoutSessionSupported = "backchannel_logout_session_supported"
        case responseTypesSupported = "response_types_supported"
        case responseModesSupported = "response_modes_supported"
        case grantTypesSupported = "grant_types_supported"
        case subjectTypesSupported = "subject_types_supported"
        case idTokenSigningAlgValuesSupported = "id_token_signing_alg_values_supported"
        case scopesSupported = "scopes_supported"
        case claimsSupported = "claims_supported"
        case claimsParameterSupported = "claims_parameter_supported"
        case requestParameterSupported = "request_parameter_supported"
        case requestURIParameterSupported = "request_uri_parameter_supported"
        case codeChallengeMethodsSupported = "code_challenge_methods_supported"
        case tokenEndpointAuthMethodsSupported = "token_endpoint_auth_methods_supported"
        case tokenEndpointAuthSigningAlgValuesSupported = "token_endpoint_auth_signing_alg_values_supported"
        case revocationEndpointAuthMethodsSupported = "revocation_endpoint_auth_methods_supported"
        case introspectionEndpointAuthMethodsSupported = "introspection_endpoint_auth_methods_supported"
        case promptValuesSupported = "prompt_values_supported"
        case authorizationResponseIssParameterSupported = "authorization_response_iss_parameter_supported"
        case uiLocalesSupported = "ui_locales_supported"
        case acrValuesSupported = "acr_values_supported"
    }

    /// - Parameter acrValues: the `acr` values the enabled login methods produce.
    public init(configuration: Configuration, acrValues: [String] = []) {
        issuer = configuration.issuer
        jwksURI = configuration.url(Endpoints.jwks)
        authorizationEndpoint = configuration.url(Endpoints.authorization)
        tokenEndpoint = configuration.url(Endpoints.token)
        userinfoEndpoint = configuration.url(Endpoints.userinfo)
        revocationEndpoint = configuration.url(Endpoints.revocation)
        introspectionEndpoint = configuration.url(Endpoints.introspection)
        endSessionEndpoint = configuration.url(Endpoints.endSession)
        idTokenSigningAlgValuesSupported = configuration.keys.algorithms.map(\.rawValue)
        acrValuesSupported = acrValues.isEmpty ? nil : acrValues
    }
}
