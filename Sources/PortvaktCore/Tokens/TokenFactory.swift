import Foundation

/// Builds and signs ID tokens and access tokens. Time and the token id come in, so it is pure but for the signature.
/// The claims about the user come from `claimsPolicy`; the factory adds the claims about the token itself.
public struct TokenFactory: Sendable {
    public var issuer: String
    public var idTokenLifetime: Int
    public var accessTokenLifetime: Int
    public var claimsPolicy: ClaimsPolicy

    public init(issuer: String, idTokenLifetime: Int, accessTokenLifetime: Int, claimsPolicy: ClaimsPolicy = .standard) {
        self.issuer = issuer
        self.idTokenLifetime = idTokenLifetime
        self.accessTokenLifetime = accessTokenLifetime
        self.claimsPolicy = claimsPolicy
    }

    /// The claims the factory sets on every token it makes, beside `sub`: not the policy's, and never overridden
    /// by a user claim.
    public static let tokenClaims = ["iss", "aud", "exp", "iat", "auth_time", "nonce", "acr", "amr", "azp", "at_hash", "sid"]

    /// An RFC 9068 access token: `typ: at+jwt`, with `aud` the issuer (userinfo is its resource), `client_id`,
    /// `scope`, `jti`, and `grant_id` so that revoking the grant revokes it (none for client_credentials, which
    /// has no grant). The user claims the policy gives the access token for the grant's scopes are taken from
    /// `claimValues`.
    public func accessToken(
        _ grant: GrantContext, jti: String, now: Date, signer: any TokenSigner, claimValues: [String: JSONValue] = [:]
    ) throws -> String {
        var claims = claimsPolicy.claims(for: .accessToken, scopes: grant.scopes, from: claimValues)
        claims.set("iss", issuer)
        claims.set("sub", grant.subject ?? grant.clientID)
        claims.set("aud", issuer)
        claims.set("client_id", grant.clientID)
        claims.set("scope", grant.scopes.joined(separator: " "))
        claims.set("jti", jti)
        claims.set("grant_id", grant.grantID)
        claims.set("iat", now)
        claims.set("exp", now.addingTimeInterval(TimeInterval(accessTokenLifetime)))
        if let authTime = grant.authTime { claims.set("auth_time", authTime) }
        claims.set("acr", grant.acr)
        if !grant.amr.isEmpty { claims.set("amr", grant.amr) }
        return try JWS.compact(payload: try claims.encoded(), type: "at+jwt", signer: signer)
    }

    /// An ID token (OpenID Connect Core §2) for `profile`, with `at_hash` of the access token issued beside it.
    /// The user claims are those the policy gives the ID token for the grant's scopes and the claims asked for by
    /// name, taken from the profile and `claimValues` (the business claims).
    public func idToken(
        _ grant: GrantContext, profile: UserProfile, accessToken: String?, now: Date, signer: any TokenSigner,
        claimValues: [String: JSONValue] = [:]
    ) throws -> String {
        var claims = claimsPolicy.claims(
            for: .idToken, scopes: grant.scopes, requested: grant.idTokenClaims,
            from: profile.claimValues.merging(claimValues) { _, business in business })
        claims.set("iss", issuer)
        claims.set("sub", profile.subject)
        claims.set("aud", grant.clientID)
        claims.set("azp", grant.clientID)
        claims.set("iat", now)
        claims.set("exp", now.addingTimeInterval(TimeInterval(idTokenLifetime)))
        if let authTime = grant.authTime { claims.set("auth_time", authTime) }
        claims.set("nonce", grant.nonce)
        claims.set("acr", grant.acr)
        if !grant.amr.isEmpty { claims.set("amr", grant.amr) }
        claims.set("sid", grant.sid)
        if let accessToken { claims.set("at_hash", AccessTokenHash.compute(accessToken: accessToken, algorithm: signer.algorithm)) }
        return try JWS.compact(payload: try claims.encoded(), type: "JWT", signer: signer)
    }
}
