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
        guard let payload = try? await verify(token, as: IDTokenHintPayload.self), payload.iss.value == issuer else { return nil }
        return payload
    }

    /// A bearer access token: verified by jwt-kit, ours, an access token (not an ID token), unexpired.
    func verifyAccessToken(_ token: String, issuer: String) async throws(OAuthError) -> AccessTokenPayload {
        guard let payload = try? await verify(token, as: AccessTokenPayload.self) else {
            throw OAuthError.invalidToken("the access token is invalid or expired")
        }
        guard payload.iss.value == issuer, payload.aud.value.contains(issuer), JWTHeaderType.of(token) == "at+jwt" else {
            throw OAuthError.invalidToken("the token is not an access token of this server")
        }
        return payload
    }
}

/// Reads the `typ` of a JWT's protected header after jwt-kit has verified the token.
enum JWTHeaderType {
    static func of(_ token: String) -> String? {
        guard let first = token.split(separator: ".").first, let bytes = Base64URL.decode(String(first)),
            let header = try? JSONDecoder().decode([String: JSONValue].self, from: Data(bytes)),
            case .string(let type)? = header["typ"]
        else { return nil }
        return type
    }
}
