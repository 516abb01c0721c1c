import Foundation
import JWTKit
import PortvaktCore

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
