import Foundation
import JWTKit
import PortvaktCore
import Testing

@testable import PortvaktCrypto

@Suite struct SigningKeyMaterialTests {
    /// Signs a token with our signer and JWS code, and has jwt-kit verify it against our JWKS alone.
    @Test(arguments: SigningAlgorithm.allCases)
    func tokensVerifyWithJWTKitAgainstThePublishedJWK(_ algorithm: SigningAlgorithm) async throws {
        let material = try SigningKeyMaterial.generate(algorithm)
        let kid = KeyID.generate(algorithm)
        let jwks = String(decoding: try JSONEncoder().encode(JWKSet(keys: [try material.publicJWK(kid: kid)])), as: UTF8.self)
        let payload = TestPayload(iss: "http://localhost:8080", exp: .init(value: Date().addingTimeInterval(300)))
        let token = try JWS.compact(payload: try jwtEncode(payload), signer: material.signer(kid: kid))

        let keys = try await JWTKeyCollection().add(jwksJSON: jwks)
        let verified = try await keys.verify(token, as: TestPayload.self)
        #expect(verified.iss == payload.iss)
        let header = try #require(Base64URL.decode(String(token.split(separator: ".")[0])))
        let fields = try JSONDecoder().decode([String: String].self, from: Data(header))
        #expect(fields == ["alg": algorithm.rawValue, "kid": kid, "typ": "JWT"])
    }

    @Test(arguments: SigningAlgorithm.allCases)
    func aTamperedTokenDoesNotVerify(_ algorithm: SigningAlgorithm) async throws {
        let material = try SigningKeyMaterial.generate(algorithm)
        let jwks = String(decoding: try JSONEncoder().encode(JWKSet(keys: [try material.publicJWK(kid: "k")])), as: UTF8.self)
        let honest = TestPayload(iss: "http://localhost:8080", exp: .init(value: Date().addingTimeInterval(300)))
        let token = try JWS.compact(payload: try jwtEncode(honest), signer: material.signer(kid: "k"))
        let forged = TestPayload(iss: "https://evil.example", exp: honest.exp)
        var parts = token.split(separator: ".").map(String.init)
        parts[1] = Base64URL.encode(try jwtEncode(forged))
        let keys = try await JWTKeyCollection().add(jwksJSON: jwks)
        await #expect(throws: (any Error).self) { try await keys.verify(parts.joined(separator: "."), as: TestPayload.self) }
    }

    @Test(arguments: SigningAlgorithm.allCases)
    func theJWKHoldsNoPrivateMembers(_ algorithm: SigningAlgorithm) throws {
        let jwk = try SigningKeyMaterial.generate(algorithm).publicJWK(kid: "k")
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(jwk)) as! [String: Any]
        #expect(Set(object.keys).isDisjoint(with: ["d", "p", "q", "dp", "dq", "qi", "k"]))
        #expect(object["use"] as? String == "sig")
        #expect(object["alg"] as? String == algorithm.rawValue)
    }

    @Test func rsaKeysAre2048Bits() throws {
        guard case .rsa(let key) = try SigningKeyMaterial.generate(.rs256) else { Issue.record("not RSA"); return }
        #expect(key.keySizeInBits == 2048)
    }

    @Test(arguments: SigningAlgorithm.allCases)
    func serializedKeysRoundTrip(_ algorithm: SigningAlgorithm) throws {
        let material = try SigningKeyMaterial.generate(algorithm)
        let restored = try SigningKeyMaterial(algorithm: algorithm, serialized: material.serialized)
        #expect(try restored.publicJWK(kid: "k") == material.publicJWK(kid: "k"))
    }

    @Test func keyIDsAreDistinctAndNameTheAlgorithm() {
        let kids = Set((0..<1000).map { _ in KeyID.generate(.es256) })
        #expect(kids.count == 1000)
        #expect(kids.allSatisfy { $0.hasPrefix("es256-") })
    }
}
