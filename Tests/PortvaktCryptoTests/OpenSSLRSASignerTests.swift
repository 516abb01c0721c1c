import Crypto
import Foundation
import PortvaktCore
import Testing
import _CryptoExtras

@testable import PortvaktCrypto

@Suite struct OpenSSLRSASignerTests {
    static func knownAnswerFile(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: "KnownAnswer/\(name)", withExtension: nil))
        return Array(try Data(contentsOf: url))
    }

    static func knownAnswerKey() throws -> _RSA.Signing.PrivateKey {
        try _RSA.Signing.PrivateKey(pemRepresentation: String(decoding: try knownAnswerFile("rs256-test-key.pem"), as: UTF8.self))
    }

    /// RSASSA-PKCS1-v1_5 is deterministic: the signature over a fixed input with a fixed key is the one the
    /// OpenSSL command line computed once (KnownAnswer/README.md), byte for byte; swift-crypto gives the same.
    @Test func signsTheKnownAnswer() throws {
        let key = try Self.knownAnswerKey()
        let input = try Self.knownAnswerFile("rs256-signing-input.txt")
        let expected = try Self.knownAnswerFile("rs256-signature.bin")
        #expect(expected.count == 256)

        let signer = try OpenSSLRSASigner(kid: "rs256-known-answer", pkcs1DER: Array(key.derRepresentation))
        #expect(try signer.signature(for: input) == expected)
        #expect(try SwiftCryptoSigner(kid: "k", material: .rsa(key)).signature(for: input) == expected)
    }

    @Test func signaturesVerifyWithSwiftCryptosPublicKey() throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let signer = try OpenSSLRSASigner(kid: "k", pkcs1DER: Array(key.derRepresentation))
        for length in [0, 1, 100, 4096] {
            let input = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let signature = try signer.signature(for: input)
            #expect(signature.count == 256)
            #expect(key.publicKey.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA256.hash(data: input), padding: .insecurePKCS1v1_5))
            #expect(!key.publicKey.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA256.hash(data: input + [0]), padding: .insecurePKCS1v1_5))
        }
    }

    /// One key, signing from many tasks at once (bounded): every signature is the deterministic one.
    @Test func signsConcurrentlyWithOneKey() async throws {
        let key = try Self.knownAnswerKey()
        let signer = try OpenSSLRSASigner(kid: "k", pkcs1DER: Array(key.derRepresentation))
        let input = try Self.knownAnswerFile("rs256-signing-input.txt")
        let expected = try Self.knownAnswerFile("rs256-signature.bin")
        let signatures = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<64 { group.addTask { try signer.signature(for: input) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(signatures.count == 64 && signatures.allSatisfy { $0 == expected })
    }

    @Test func theSignerOfRSAKeyMaterialIsOpenSSLsAndTheOthersSwiftCryptos() throws {
        #expect(try SigningKeyMaterial.generate(.rs256).signer(kid: "r") is OpenSSLRSASigner)
        #expect(try SigningKeyMaterial.generate(.es256).signer(kid: "e") is SwiftCryptoSigner)
        #expect(try SigningKeyMaterial.generate(.eddsa).signer(kid: "d") is SwiftCryptoSigner)
    }

    @Test func refusesWhatIsNotAnRSAKeyOfAtLeast2048Bits() throws {
        let tooShort = try Self.knownAnswerFile("rsa1024-too-short.der")
        let short = #expect(throws: OpenSSLError.self) { try OpenSSLRSASigner(kid: "k", pkcs1DER: tooShort) }
        #expect(short?.description.contains("2048") == true)
        #expect(throws: OpenSSLError.self) { try OpenSSLRSASigner(kid: "k", pkcs1DER: []) }
        #expect(throws: OpenSSLError.self) { try OpenSSLRSASigner(kid: "k", pkcs1DER: Array(P256.Signing.PrivateKey().derRepresentation)) }
        let der = Array(try Self.knownAnswerKey().derRepresentation)
        #expect(throws: OpenSSLError.self, "trailing bytes") { try OpenSSLRSASigner(kid: "k", pkcs1DER: der + [0]) }
        #expect(throws: OpenSSLError.self, "cut short") { try OpenSSLRSASigner(kid: "k", pkcs1DER: Array(der.dropLast())) }
    }

    /// The whole token as the token factory assembles it: the prepared header, the claims, the signature.
    @Test func aCompactJWSOfTheKnownClaimsIsTheKnownAnswer() throws {
        let signer = try SigningKeyMaterial.rsa(try Self.knownAnswerKey()).signer(kid: "rs256-known-answer")
        var claims = Claims()
        claims.set("sub", "acc-1")
        claims.set("iss", "https://login.example.se")
        let token = try JWS.compact(payload: try claims.encoded(), type: "JWT", signer: signer)
        let input = try Self.knownAnswerFile("rs256-signing-input.txt")
        #expect(token == String(decoding: input, as: UTF8.self) + "." + Base64URL.encode(try Self.knownAnswerFile("rs256-signature.bin")))
    }
}
