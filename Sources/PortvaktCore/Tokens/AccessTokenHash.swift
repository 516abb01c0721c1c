import Crypto
import Foundation

/// `at_hash` (OpenID Connect Core §3.1.3.6): the left half of the access token's hash, with the hash of the
/// ID token's algorithm (SHA-512 for EdDSA over Ed25519).
public enum AccessTokenHash {
    public static func compute(accessToken: String, algorithm: SigningAlgorithm) -> String {
        let bytes = Data(accessToken.utf8)
        let digest: [UInt8]
        switch algorithm {
        case .rs256, .es256: digest = Array(SHA256.hash(data: bytes))
        case .eddsa: digest = Array(SHA512.hash(data: bytes))
        }
        return Base64URL.encode(digest.prefix(digest.count / 2))
    }
}
