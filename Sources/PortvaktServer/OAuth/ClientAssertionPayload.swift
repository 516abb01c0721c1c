import JWTKit

/// A client assertion (RFC 7523 §3) as jwt-kit decodes it. Its times are checked by `ClientAuthenticator` on the
/// server's clock (the one every other rule uses), not here on the wall clock.
struct ClientAssertionPayload: JWTPayload {
    var iss: IssuerClaim
    var sub: SubjectClaim
    var aud: AudienceClaim
    var exp: ExpirationClaim
    var jti: String?

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
