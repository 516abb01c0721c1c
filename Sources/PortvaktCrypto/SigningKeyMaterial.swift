import Crypto
import Foundation
import PortvaktCore
import _CryptoExtras

/// A private signing key of one of the supported algorithms.
public enum SigningKeyMaterial: Sendable {
    case rsa(_RSA.Signing.PrivateKey)
    case p256(P256.Signing.PrivateKey)
    case ed25519(Curve25519.Signing.PrivateKey)

    /// A fresh key from the system's CSPRNG.
    public static func generate(_ algorithm: SigningAlgorithm) throws -> SigningKeyMaterial {
        switch algorithm {
        case .rs256: .rsa(try _RSA.Signing.PrivateKey(keySize: .bits2048))
        case .es256: .p256(P256.Signing.PrivateKey())
        case .eddsa: .ed25519(Curve25519.Signing.PrivateKey())
        }
    }

    /// Restores a key from `serialized`.
    public init(algorithm: SigningAlgorithm, serialized bytes: [UInt8]) throws {
        switch algorithm {
        case .rs256: self = .rsa(try _RSA.Signing.PrivateKey(derRepresentation: bytes))
        case .es256: self = .p256(try P256.Signing.PrivateKey(rawRepresentation: bytes))
        case .eddsa: self = .ed25519(try Curve25519.Signing.PrivateKey(rawRepresentation: bytes))
        }
    }

    public var algorithm: SigningAlgorithm {
        switch self {
        case .rsa: .rs256
        case .p256: .es256
        case .ed25519: .eddsa
        }
    }

    /// The private key's bytes: PKCS#1 DER for RSA, the raw scalar or seed for P-256 and Ed25519.
    public var serialized: [UInt8] {
        switch self {
        case .rsa(let key): Array(key.derRepresentation)
        case .p256(let key): Array(key.rawRepresentation)
        case .ed25519(let key): Array(key.rawRepresentation)
        }
    }

    /// The public half as a JWK with `kid`, `alg` and `use: sig`.
    public func publicJWK(kid: String) throws -> JWK {
        switch self {
        case .rsa(let key):
            let primitives = try key.publicKey.getKeyPrimitives()
            return JWK(
                kty: "RSA", kid: kid, alg: .rs256, n: Base64URL.encode(primitives.modulus),
                e: Base64URL.encode(primitives.publicExponent))
        case .p256(let key):
            let point = Array(key.publicKey.rawRepresentation)  // x ‖ y, 32 bytes each
            return JWK(
                kty: "EC", kid: kid, alg: .es256, crv: "P-256", x: Base64URL.encode(point[0..<32]),
                y: Base64URL.encode(point[32..<64]))
        case .ed25519(let key):
            return JWK(kty: "OKP", kid: kid, alg: .eddsa, crv: "Ed25519", x: Base64URL.encode(key.publicKey.rawRepresentation))
        }
    }

    /// A signer for JWS with this key: OpenSSL's for RSA (the key parsed into libcrypto here, once), swift-crypto's
    /// for P-256 and Ed25519.
    /// - Throws: `OpenSSLError` when libcrypto refuses the RSA key.
    public func signer(kid: String) throws -> any TokenSigner {
        switch self {
        case .rsa(let key): try OpenSSLRSASigner(kid: kid, pkcs1DER: Array(key.derRepresentation))
        case .p256, .ed25519: SwiftCryptoSigner(kid: kid, material: self)
        }
    }
}
