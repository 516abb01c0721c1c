import Crypto
import PortvaktCore

/// Key ids: the algorithm and 64 random bits, as in `es256-3q2-7wEHR6Y`. Readable in logs, never reused.
public enum KeyID {
    public static func generate(_ algorithm: SigningAlgorithm) -> String {
        let random = SymmetricKey(size: SymmetricKeySize(bitCount: 64)).withUnsafeBytes { Array($0) }
        return "\(algorithm.rawValue.lowercased())-\(Base64URL.encode(random))"
    }
}
