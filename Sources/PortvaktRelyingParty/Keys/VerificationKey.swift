import Crypto
import _CryptoExtras
import Foundation

/// One public key of the provider's JWKS, ready to verify signatures of the one algorithm it is for.
struct VerificationKey: Sendable {
    enum Material: Sendable {
        case rsa(_RSA.Signing.PublicKey)
        case p256(P256.Signing.PublicKey)
        case ed25519(Curve25519.Signing.PublicKey)
    }

    let kid: String
    let algorithm: JWSAlgorithm
    let material: Material

    /// The key of one JWK, or nil for a key this kit does not use (another `use`, an unknown `kty` or `alg`, an
    /// RSA key under 2048 bits): such keys are skipped, never guessed at.
    init?(jwk: [String: JSONValue]) {
        guard let kid = jwk["kid"]?.string, let kty = jwk["kty"]?.string else { return nil }
        if let use = jwk["use"]?.string, use != "sig" { return nil }
        switch kty {
        case "RSA":
            guard let n = jwk["n"]?.string.flatMap(Base64URL.decode), let e = jwk["e"]?.string.flatMap(Base64URL.decode),
                let key = try? _RSA.Signing.PublicKey(n: n, e: e), key.keySizeInBits >= 2048
            else { return nil }
            algorithm = .rs256
            material = .rsa(key)
        case "EC":
            guard jwk["crv"]?.string == "P-256", let x = jwk["x"]?.string.flatMap(Base64URL.decode),
                let y = jwk["y"]?.string.flatMap(Base64URL.decode), x.count == 32, y.count == 32,
                let key = try? P256.Signing.PublicKey(rawRepresentation: x + y)
            else { return nil }
            algorithm = .es256
            material = .p256(key)
        case "OKP":
            guard jwk["crv"]?.string == "Ed25519", let x = jwk["x"]?.string.flatMap(Base64URL.decode),
                let key = try? Curve25519.Signing.PublicKey(rawRepresentation: x)
            else { return nil }
            algorithm = .edDSA
            material = .ed25519(key)
        default:
            return nil
        }
        // A JWK that names another algorithm than its key type's is not used at all.
        if let alg = jwk["alg"]?.string, alg != algorithm.rawValue { return nil }
        self.kid = kid
    }

    /// Whether `signature` is this key's signature of `signingInput` (RS256: PKCS #1 v1.5 over SHA-256; ES256: the
    /// 64-byte r‖s over SHA-256; EdDSA: Ed25519).
    func isValidSignature(_ signature: Data, for signingInput: Data) -> Bool {
        switch material {
        case .rsa(let key):
            return key.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA256.hash(data: signingInput), padding: .insecurePKCS1v1_5)
        case .p256(let key):
            guard let parsed = try? P256.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
            return key.isValidSignature(parsed, for: SHA256.hash(data: signingInput))
        case .ed25519(let key):
            return key.isValidSignature(signature, for: signingInput)
        }
    }
}
