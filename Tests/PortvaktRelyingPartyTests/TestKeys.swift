import Crypto
import Foundation
import _CryptoExtras

@testable import PortvaktRelyingParty

/// Signing keys of a pretend Portvakt, and tokens made with them exactly as an attacker or Portvakt would write
/// them: header and claims as JSON, signed (or not) by hand.
struct TestKeys: Sendable {
    let es256 = P256.Signing.PrivateKey()
    let ed25519 = Curve25519.Signing.PrivateKey()
    let rsa: _RSA.Signing.PrivateKey
    let esKid: String
    let edKid = "eddsa-1"
    let rsKid = "rs256-1"

    init(esKid: String = "es256-1") throws {
        self.esKid = esKid
        rsa = try _RSA.Signing.PrivateKey(keySize: .bits2048)
    }

    var esJWK: [String: Any] {
        let raw = es256.publicKey.rawRepresentation
        return ["kty": "EC", "crv": "P-256", "x": Base64URL.encode(raw.prefix(32)), "y": Base64URL.encode(raw.suffix(32)), "kid": esKid, "alg": "ES256", "use": "sig"]
    }

    var edJWK: [String: Any] {
        ["kty": "OKP", "crv": "Ed25519", "x": Base64URL.encode(ed25519.publicKey.rawRepresentation), "kid": edKid, "alg": "EdDSA", "use": "sig"]
    }

    var rsJWK: [String: Any] {
        let primitives = try! rsa.publicKey.getKeyPrimitives()  // the key was just made: its primitives exist
        return ["kty": "RSA", "n": Base64URL.encode(primitives.modulus), "e": Base64URL.encode(primitives.publicExponent), "kid": rsKid, "alg": "RS256", "use": "sig"]
    }

    var jwks: Data { try! JSONSerialization.data(withJSONObject: ["keys": [esJWK, edJWK, rsJWK]]) }  // plain dictionaries of strings

    static func part(_ object: [String: Any]) -> String {
        Base64URL.encode(try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))  // plain JSON values
    }

    /// A token with `header` and `claims`, signed by the named algorithm's key (ES256 unless said otherwise).
    func sign(_ claims: [String: Any], header: [String: Any]? = nil, with algorithm: JWSAlgorithm = .es256) throws -> String {
        let kid = switch algorithm { case .es256: esKid; case .edDSA: edKid; case .rs256: rsKid }
        let input = Self.part(header ?? ["alg": algorithm.rawValue, "kid": kid, "typ": "JWT"]) + "." + Self.part(claims)
        let signature: Data = switch algorithm {
        case .es256: try es256.signature(for: Data(input.utf8)).rawRepresentation
        case .edDSA: try ed25519.signature(for: Data(input.utf8))
        case .rs256: try rsa.signature(for: SHA256.hash(data: Data(input.utf8)), padding: .insecurePKCS1v1_5).rawRepresentation
        }
        return input + "." + Base64URL.encode(signature)
    }
}
