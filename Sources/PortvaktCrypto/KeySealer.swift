import Crypto
import Foundation
import PortvaktCore

/// Seals private signing keys at rest with AES-256-GCM under the key-encryption key (KEK).
/// The kid and algorithm are bound in as associated data, so a sealed key cannot be moved to another row.
public struct KeySealer: Sendable {
    private static let version: UInt8 = 1
    fileprivate let kek: SymmetricKey

    public init(kek: [UInt8]) throws(KEKError) {
        guard kek.count == 32 else { throw KEKError(message: "the key-encryption key must be 32 bytes, got \(kek.count)") }
        self.kek = SymmetricKey(data: kek)
    }

    /// A short fingerprint of the KEK, safe to print, to tell two KEKs apart.
    public var fingerprint: String {
        let digest = kek.withUnsafeBytes { SHA256.hash(data: Data("portvakt-kek-fingerprint".utf8) + Data($0)) }
        return digest.prefix(6).map { String(format: "%02x", $0) }.joined()
    }

    public func seal(_ material: SigningKeyMaterial, kid: String) throws -> [UInt8] {
        let box = try AES.GCM.seal(material.serialized, using: kek, authenticating: Self.associatedData(kid, material.algorithm))
        // `combined` is nonce ‖ ciphertext ‖ tag; always present with the default 12-byte nonce.
        return [Self.version] + Array(box.combined!)
    }

    public func open(_ sealed: [UInt8], kid: String, algorithm: SigningAlgorithm) throws(KEKError) -> SigningKeyMaterial {
        guard sealed.first == Self.version, sealed.count > 1 + 12 + 16 else {
            throw KEKError(message: "the sealed private key of \(kid) is damaged or of an unknown format")
        }
        let bytes: Data
        do {
            let box = try AES.GCM.SealedBox(combined: sealed.dropFirst())
            bytes = try AES.GCM.open(box, using: kek, authenticating: Self.associatedData(kid, algorithm))
        } catch {
            throw KEKError(message: "the key-encryption key (fingerprint \(fingerprint)) does not open the private key of \(kid): "
                + "it is not the key these signing keys were sealed with; check kek_file or PORTVAKT_KEK")
        }
        do {
            return try SigningKeyMaterial(algorithm: algorithm, serialized: Array(bytes))
        } catch {
            throw KEKError(message: "the private key of \(kid) opened but is not a valid \(algorithm.keyDescription) key")
        }
    }

    private static func associatedData(_ kid: String, _ algorithm: SigningAlgorithm) -> Data {
        Data("portvakt-signing-key:v1:\(algorithm.rawValue):\(kid)".utf8)
    }
}

extension KeySealer {
    /// A key for another purpose derived from the KEK (HKDF-SHA256), so every node derives the same one.
    public func derivedKey(purpose: String) -> [UInt8] {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: kek, info: Data("portvakt:\(purpose)".utf8), outputByteCount: 32)
            .withUnsafeBytes { Array($0) }
    }
}
