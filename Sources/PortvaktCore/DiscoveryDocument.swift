/// OpenID Provider Metadata (OpenID Connect Discovery 1.0 §3), derived from the configuration and the
/// endpoints that actually exist. A member appears here only once what it describes works.
public struct DiscoveryDocument: Codable, Sendable, Equatable {
    public var issuer: String
    public var jwksURI: String

    enum CodingKeys: String, CodingKey {
        case issuer
        case jwksURI = "jwks_uri"
    }

    public init(configuration: Configuration) {
        issuer = configuration.issuer
        jwksURI = configuration.url(Endpoints.jwks)
    }
}
