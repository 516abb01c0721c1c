import Crypto
import Foundation

/// Proof Key for Code Exchange (RFC 7636), S256 only: `plain` would let an intercepted request be replayed.
public enum PKCE {
    /// Checks the `code_challenge` and `code_challenge_method` of an authorization request.
    public static func checkChallenge(_ challenge: String?, method: String?) -> Result<String?, OAuthError> {
        guard let challenge else {
            if method != nil { return .failure(.invalidRequest("code_challenge_method without code_challenge")) }
            return .success(nil)
        }
        guard (method ?? "plain") == "S256" else {
            return .failure(.invalidRequest("code_challenge_method must be S256; plain is not accepted"))
        }
        // BASE64URL(SHA256(verifier)) is always 43 characters.
        guard challenge.count == 43, Base64URL.decode(challenge)?.count == 32 else {
            return .failure(.invalidRequest("code_challenge must be the base64url SHA-256 of the verifier (43 characters)"))
        }
        return .success(challenge)
    }

    /// Whether `verifier` matches the S256 `challenge` (RFC 7636 §4.6), in constant time.
    public static func verify(verifier: String, challenge: String) -> Bool {
        guard isValidVerifier(verifier) else { return false }
        let computed = Base64URL.encode(SHA256.hash(data: Data(verifier.utf8)))
        return ConstantTime.equal(Array(computed.utf8), Array(challenge.utf8))
    }

    /// 43 to 128 characters of [A-Z a-z 0-9 - . _ ~] (RFC 7636 §4.1).
    public static func isValidVerifier(_ verifier: String) -> Bool {
        (43...128).contains(verifier.count)
            && verifier.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-._~".unicodeScalars.contains($0)) }
    }
}
