import Foundation
import Testing

@testable import PortvaktCore

/// The discovery document (OpenID Connect Discovery 1.0 §3) says what the configuration and the code do.
@Suite struct DiscoveryDocumentTests {
    func configuration(issuer: String = "https://login.example.se", algorithms: [SigningAlgorithm] = [.es256, .rs256]) -> Configuration {
        var configuration = Configuration.defaults
        configuration.issuer = issuer
        configuration.keys.algorithms = algorithms
        return configuration
    }

    @Test func theEndpointsAreUnderTheIssuer() {
        let document = DiscoveryDocument(configuration: configuration(issuer: "https://id.example.se/portvakt"))
        #expect(document.issuer == "https://id.example.se/portvakt")
        #expect(document.jwksURI == "https://id.example.se/portvakt" + Endpoints.jwks)
        #expect(document.authorizationEndpoint == "https://id.example.se/portvakt" + Endpoints.authorization)
        #expect(document.tokenEndpoint == "https://id.example.se/portvakt" + Endpoints.token)
        #expect(document.userinfoEndpoint == "https://id.example.se/portvakt" + Endpoints.userinfo)
        #expect(document.revocationEndpoint == "https://id.example.se/portvakt" + Endpoints.revocation)
        #expect(document.introspectionEndpoint == "https://id.example.se/portvakt" + Endpoints.introspection)
        #expect(document.endSessionEndpoint == "https://id.example.se/portvakt" + Endpoints.endSession)
    }

    @Test func theSigningAlgorithmsAreTheConfiguredOnesInOrder() {
        #expect(DiscoveryDocument(configuration: configuration(algorithms: [.eddsa, .rs256])).idTokenSigningAlgValuesSupported == ["EdDSA", "RS256"])
        #expect(DiscoveryDocument(configuration: configuration(algorithms: [.rs256])).idTokenSigningAlgValuesSupported == ["RS256"])
    }

    @Test func acrValuesAppearOnlyWhenALoginMethodProducesThem() throws {
        #expect(DiscoveryDocument(configuration: configuration()).acrValuesSupported == nil)
        let document = DiscoveryDocument(configuration: configuration(), acrValues: ["urn:bankid"])
        #expect(document.acrValuesSupported == ["urn:bankid"])
        let json = try JSONDecoder().decode([String: JSONValue].self, from: JSONEncoder().encode(DiscoveryDocument(configuration: configuration())))
        #expect(json["acr_values_supported"] == nil)
    }

    @Test func whatTheCodeSupports() {
        let document = DiscoveryDocument(configuration: configuration())
        #expect(document.responseTypesSupported == ["code"] && document.responseModesSupported == ["query"])
        #expect(document.grantTypesSupported == ["authorization_code", "refresh_token", "client_credentials"])
        #expect(document.scopesSupported == ClientRegistration.knownScopes)
        #expect(document.codeChallengeMethodsSupported == ["S256"])
        #expect(document.promptValuesSupported == ["none", "login", "consent", "select_account"])
        #expect(document.tokenEndpointAuthMethodsSupported == ["client_secret_basic", "client_secret_post", "private_key_jwt", "none"])
        #expect(!document.introspectionEndpointAuthMethodsSupported.contains("none"))
        #expect(document.claimsParameterSupported && !document.requestParameterSupported && !document.requestURIParameterSupported)
        #expect(document.authorizationResponseIssParameterSupported)
        #expect(document.uiLocalesSupported == ["sv", "en"])
    }

    @Test func theClaimsAreTheTokensOwnAndThePolicys() {
        let claims = DiscoveryDocument(configuration: configuration()).claimsSupported
        #expect(claims == [
            "sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "acr", "amr", "azp", "at_hash", "sid",
            "name", "given_name", "family_name", "locale", "email", "email_verified", "ssn", "memberships", "business",
        ])
        #expect(Set(ClaimsPolicy.standard.claimNames).isSubset(of: claims))
    }

    @Test func theMembersHaveTheirSpecificationNames() throws {
        let json = try JSONDecoder().decode(
            [String: JSONValue].self, from: JSONEncoder().encode(DiscoveryDocument(configuration: configuration(), acrValues: ["urn:bankid"])))
        for name in [
            "issuer", "jwks_uri", "authorization_endpoint", "token_endpoint", "userinfo_endpoint", "revocation_endpoint", "introspection_endpoint",
            "end_session_endpoint", "response_types_supported", "scopes_supported", "claims_supported", "id_token_signing_alg_values_supported",
            "subject_types_supported", "code_challenge_methods_supported", "authorization_response_iss_parameter_supported", "acr_values_supported",
        ] {
            #expect(json[name] != nil, "\(name)")
        }
        #expect(json["subject_types_supported"] == .array([.string("public")]))
        #expect(json["backchannel_logout_supported"] == .bool(true) && json["backchannel_logout_session_supported"] == .bool(true))
    }
}
