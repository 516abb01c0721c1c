import Crypto
import Foundation

/// SHA-256 as the core uses it: secret and token digests, `at_hash`.
public enum Digest {
    public static func sha256(_ text: String) -> [UInt8] {
        Array(SHA256.hash(data: Data(text.utf8)))
    }
}
