import Foundation

/// JWS Compact Serialization (RFC 7515 §7.1) for tokens Portvakt issues. Verifying tokens that come from
/// outside is jwt-kit's job, never this type's.
public enum JWS {
    /// Signs `payload` (already-encoded JSON) under a protected header with `alg`, `kid` and `typ`.
    public static func compact(payload: Data, type: String = "JWT", signer: any TokenSigner) throws -> String {
        let header = #"{"alg":"\#(signer.algorithm.rawValue)","kid":\#(jsonString(signer.kid)),"typ":\#(jsonString(type))}"#
        let signingInput = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(payload)
        let signature = try signer.signature(for: Array(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(signature)
    }

    private static func jsonString(_ value: String) -> String {
        // JSONEncoder of a single string cannot fail.
        String(decoding: try! JSONEncoder().encode(value), as: UTF8.self)
    }
}
