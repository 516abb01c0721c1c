import Foundation

/// JWS Compact Serialization (RFC 7515 §7.1) for tokens Portvakt issues. Verifying tokens that come from
/// outside is jwt-kit's job, never this type's.
public enum JWS {
    /// Signs `payload` (already-encoded JSON) under the signer's protected header for `type`, with `alg` and `kid`.
    /// The token is assembled in one byte buffer: the prepared header, the payload's base64url, the signature's.
    public static func compact(payload: [UInt8], type: String = "JWT", signer: any TokenSigner) throws -> String {
        let header = signer.headers.encoded(type: type)
        var token: [UInt8] = []
        token.reserveCapacity(header.count + 1 + Base64URL.encodedLength(of: payload.count) + 1 + 350)
        token.append(contentsOf: header)
        token.append(UInt8(ascii: "."))
        Base64URL.append(payload, to: &token)
        let signature = try signer.signature(for: token)
        token.append(UInt8(ascii: "."))
        Base64URL.append(signature, to: &token)
        return String(decoding: token, as: UTF8.self)
    }

    public static func compact(payload: Data, type: String = "JWT", signer: any TokenSigner) throws -> String {
        try compact(payload: Array(payload), type: type, signer: signer)
    }
}
