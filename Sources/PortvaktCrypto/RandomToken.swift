import Crypto
import PortvaktCore

/// Opaque random values from the system CSPRNG, base64url-encoded.
public enum RandomToken {
    /// 256 bits: client secrets, refresh tokens, authorization codes, session ids.
    public static func generate(bits: Int = 256) -> String {
        let bytes = SymmetricKey(size: SymmetricKeySize(bitCount: bits)).withUnsafeBytes { Array($0) }
        return Base64URL.encode(bytes)
    }
}
