import Foundation
import JWTKit
import PortvaktCore

/// An ID token we issued, as it comes back in `id_token_hint`: signature and issuer checked by jwt-kit; it may
/// have expired (OpenID Connect Core §3.1.2.1).
struct IDTokenHintPayload: JWTPayload {
    var iss: IssuerClaim
    var sub: SubjectClaim
    var aud: AudienceClaim
    var sid: String?

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// An access token we issued (RFC 9068), as it comes back as a bearer token.
struct AccessTokenPayload: JWTPayload {
    var iss: IssuerClaim
    var sub: SubjectClaim
    var aud: AudienceClaim
    var exp: ExpirationClaim
    var client_id: String
    var scope: String
    var grant_id: String
    var jti: String

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }

    var scopes: [String] { scope.split(separator: " ").map(String.init) }
}

extension KeyRing {
    /// The `sub` (and more) of an ID token this server signed, for `id_token_hint`. Nil unless jwt-kit verifies it.
    func verifyIDTokenHint(_ token: String, issuer: String) async -> IDTokenHintPayload? {
        guard let payload = try? await verify(token, as: IDTokenHintPayload.self), payload.iss.value == issuer,
            UnverifiedJWT.header(token)?["typ"] == .string("JWT")
        else { return nil }
        return payload
    }

    /// A bearer access token: verified by jwt-kit, ours, an access token (not an ID token), unexpired.
    func verifyAccessToken(_ token: String, issuer: String) async throws(OAuthError) -> AccessTokenPayload {
        guard let payload = try? await verify(token, as: AccessTokenPayload.self) else {
            throw OAuthError.invalidToken("the access token is invalid or expired")
        }
        guard payload.iss.value == issuer, payload.aud.value.contains(issuer), UnverifiedJWT.header(token)?["typ"] == .string("at+jwt") else {
            throw OAuthError.invalidToken("the token is not an access token of this server")
        }
        return payload
    }
}

/// Reads a JWT's header or claims without verifying anything: only to find which keys to verify with, or to
/// check the header of a token jwt-kit has already verified.
enum UnverifiedJWT {
    static func header(_ token: String) -> [String: JSONValue]? { segment(token, 0) }
    static func claims(_ token: String) -> [String: JSONValue]? { segment(token, 1) }

    private static func segment(_ token: String, _ index: Int) -> [String: JSONValue]? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let bytes = Base64URL.decode(String(parts[index])) else { return nil }
        return try? JSONDecoder().decode([String: JSONValue].self, from: Data(bytes))
    }
}
