import Crypto
import PortvaktCore
import _CryptoExtras

/// Signs with swift-crypto: ES256 (r ‖ s) and EdDSA for the key ring; RS256 (PKCS#1 v1.5, as RFC 7518 §3.3
/// requires) too, but the key ring signs RS256 with `OpenSSLRSASigner`, and this one is kept for comparison
/// (`portvakt-bench`) and as a second implementation the tests hold the first to.
public struct SwiftCryptoSigner: TokenSigner {
    public let kid: String
    public let material: SigningKeyMaterial
    public let headers: JWSHeaders

    public init(kid: String, material: SigningKeyMaterial) {
        self.kid = kid
        self.material = material
        self.headers = JWSHeaders(algorithm: material.algorithm, kid: kid)
    }

    public var algorithm: SigningAlgorithm { material.algorithm }

    public func signature(for signingInput: [UInt8]) throws -> [UInt8] {
        switch material {
        case .rsa(let key):
            // PKCS#1 v1.5 is what RS256 is; swift-crypto marks it "insecure" to steer new designs to PSS.
            Array(try key.signature(for: SHA256.hash(data: signingInput), padding: .insecurePKCS1v1_5).rawRepresentation)
        case .p256(let key):
            Array(try key.signature(for: SHA256.hash(data: signingInput)).rawRepresentation)
        case .ed25519(let key):
            Array(try key.signature(for: signingInput))
        }
    }
}
