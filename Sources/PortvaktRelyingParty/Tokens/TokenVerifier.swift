import Crypto
import Foundation

/// Verifies Portvakt's tokens for one relying party: ID tokens (OpenID Connect Core §3.1.3.7) and access tokens
/// (RFC 9068 §4). Each rule is one check and a failure names it (`VerificationError.check`).
public struct TokenVerifier: Sendable {
    public let provider: Provider
    /// This relying party's `client_id`: the audience of its ID tokens.
    public var clientID: String
    /// The algorithms accepted; never `none` or HMAC, which `JWSAlgorithm` cannot name.
    public var algorithms: Set<JWSAlgorithm>
    /// Clock skew allowed on `exp`, `iat` and `nbf`.
    public var leeway: TimeInterval
    /// The `aud` an access token must carry. Portvakt's access tokens name the issuer (their resource is Portvakt's
    /// userinfo and API), so that is the default.
    public var accessTokenAudience: String
    /// The clients whose access tokens are accepted (their `client_id`); nil: any client of the issuer.
    public var acceptedClients: Set<String>?

    public init(
        provider: Provider, clientID: String, algorithms: Set<JWSAlgorithm> = Set(JWSAlgorithm.allCases), leeway: TimeInterval = 30,
        accessTokenAudience: String? = nil, acceptedClients: Set<String>? = nil
    ) {
        self.provider = provider
        self.clientID = clientID
        self.algorithms = algorithms
        self.leeway = leeway
        self.accessTokenAudience = accessTokenAudience ?? provider.issuer
        self.acceptedClients = acceptedClients
    }

    /// An ID token for this client. `nonce` is the one sent with the authorization request (required when given);
    /// `accessToken`, the one issued beside it, is then checked against `at_hash`.
    public func verifyIDToken(_ token: String, nonce: String?, accessToken: String? = nil) async throws -> IDToken {
        let (jws, algorithm) = try await verifiedSignature(token)
        if let type = jws.type, type != "jwt" {
            throw VerificationError(.type, "typ \(type) is not an ID token's (an access token is at+jwt, a logout token logout+jwt)")
        }
        let claims = TokenClaims(jws.claims)
        try checkIssuer(claims)
        guard claims.audience.contains(clientID) else {
            throw VerificationError(.audience, "aud \(claims.audience) does not name this client \(clientID)")
        }
        if let azp = claims.authorizedParty {
            guard azp == clientID else { throw VerificationError(.authorizedParty, "azp \(azp) is not this client") }
        } else if claims.audience.count > 1 {
            throw VerificationError(.authorizedParty, "several audiences and no azp")
        }
        try checkTimes(claims)
        guard claims.subject?.isEmpty == false else { throw VerificationError(.malformed, "no sub") }
        if let nonce, claims.nonce != nonce { throw VerificationError(.nonce, "the nonce is not the one this login sent") }
        if let accessToken, let atHash = claims["at_hash"]?.string, atHash != Self.accessTokenHash(accessToken, algorithm) {
            throw VerificationError(.accessTokenHash, "at_hash does not match the access token")
        }
        return IDToken(token: token, claims: claims)
    }

    /// An access token (RFC 9068): `typ` `at+jwt`, the issuer, `accessTokenAudience`, a `client_id` (one of
    /// `acceptedClients` when set), unexpired, and every scope of `requiredScopes`.
    public func verifyAccessToken(_ token: String, requiredScopes: [String] = []) async throws -> AccessToken {
        let (jws, _) = try await verifiedSignature(token)
        guard jws.type == "at+jwt" else {
            throw VerificationError(.type, "typ \(jws.type ?? "(none)") is not at+jwt: this is not an access token")
        }
        let claims = TokenClaims(jws.claims)
        try checkIssuer(claims)
        guard claims.audience.contains(accessTokenAudience) else {
            throw VerificationError(.audience, "aud \(claims.audience) does not name \(accessTokenAudience)")
        }
        try checkTimes(claims)
        guard let client = claims.clientID else { throw VerificationError(.clientID, "no client_id") }
        if let acceptedClients, !acceptedClients.contains(client) {
            throw VerificationError(.clientID, "client \(client) is not accepted here")
        }
        guard claims.subject?.isEmpty == false else { throw VerificationError(.malformed, "no sub") }
        let missing = requiredScopes.filter { !claims.scopes.contains($0) }
        guard missing.isEmpty else { throw VerificationError(.scope, "the token lacks the scope \(missing.joined(separator: " "))") }
        return AccessToken(token: token, claims: claims)
    }

    // MARK: - The shared rules

    /// The header's `alg` from the allow-list, the key of its `kid`, of that algorithm, and the signature.
    func verifiedSignature(_ token: String) async throws -> (CompactJWS, JWSAlgorithm) {
        let jws = try CompactJWS(token)
        let algorithm = try jws.algorithm(allowed: algorithms)
        guard let kid = jws.header["kid"]?.string, !kid.isEmpty else { throw VerificationError(.unknownKey, "the header has no kid") }
        let key = try await provider.key(kid: kid)
        guard key.algorithm == algorithm else {
            throw VerificationError(.algorithm, "alg \(algorithm.rawValue) does not fit key \(kid), a \(key.algorithm.rawValue) key")
        }
        guard key.isValidSignature(jws.signature, for: jws.signingInput) else {
            throw VerificationError(.signature, "the signature does not verify with key \(kid)")
        }
        return (jws, algorithm)
    }

    func checkIssuer(_ claims: TokenClaims) throws {
        guard claims.issuer == provider.issuer else {
            throw VerificationError(.issuer, "iss \(claims.issuer ?? "(none)") is not \(provider.issuer)")
        }
    }

    func checkTimes(_ claims: TokenClaims) throws {
        let now = provider.now()
        guard let expires = claims.expiresAt else { throw VerificationError(.malformed, "no exp") }
        guard expires.addingTimeInterval(leeway) > now else { throw VerificationError(.expired, "expired at \(expires)") }
        guard let issued = claims.issuedAt else { throw VerificationError(.malformed, "no iat") }
        guard issued.addingTimeInterval(-leeway) <= now else { throw VerificationError(.notYetValid, "iat \(issued) is in the future") }
        if let notBefore = claims.notBefore, notBefore.addingTimeInterval(-leeway) > now {
            throw VerificationError(.notYetValid, "nbf \(notBefore) is in the future")
        }
    }

    /// `at_hash` (OpenID Connect Core §3.1.3.6): the left half of the access token's hash, SHA-512 for EdDSA.
    static func accessTokenHash(_ accessToken: String, _ algorithm: JWSAlgorithm) -> String {
        let digest: [UInt8] = switch algorithm {
        case .rs256, .es256: Array(SHA256.hash(data: Data(accessToken.utf8)))
        case .edDSA: Array(SHA512.hash(data: Data(accessToken.utf8)))
        }
        return Base64URL.encode(digest.prefix(digest.count / 2))
    }
}
