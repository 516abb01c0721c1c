import Crypto
import PortvaktCore
import _CryptoExtras

/// Signs with swift-crypto: RS256 (PKCS#1 v1.5, as RFC 7518 §3.3 requires), ES256 (r ‖ s) and EdDSA.
struct SwiftCryptoSigner: TokenSigner {
    let kid: String
    let material: SigningKeyMaterial

    var algorithm: SigningAlgorithm { material.algorithm }

    func signature(for signingInput: [UInt8]) throws -> [UInt8] {
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
