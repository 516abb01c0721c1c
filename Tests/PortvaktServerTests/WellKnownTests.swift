import Foundation
import Hummingbird
import HummingbirdTesting
import JWTKit
import PortvaktCore
import PortvaktCrypto
import PortvaktServer
import Testing

@Suite struct WellKnownTests {
    @Test func discoveryIsDerivedFromTheConfiguration() async throws {
        let portvakt = try TestPortvakt(["issuer": "https://login.example.se"])
        defer { portvakt.remove() }
        try await portvakt.withServices { services in
            try await buildApplication(services).test(.router) { client in
                try await client.execute(uri: Endpoints.discovery, method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "application/json")
                    let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                    #expect(json["issuer"] as? String == "https://login.example.se")
                    #expect(json["token_endpoint"] as? String == "https://login.example.se/token")
                    #expect(json["id_token_signing_alg_values_supported"] as? [String] == ["RS256", "ES256", "EdDSA"])
                    #expect(json["acr_values_supported"] as? [String] == ["urn:portvakt:acr:password-otp"], "the built-in password login's")
                    #expect(json["jwks_uri"] as? String == "https://login.example.se/.well-known/jwks.json")
                }
            }
        }
    }

    @Test func jwksPublishesPublicPartsOnlyWithKidAlgAndUse() async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        try await portvakt.withServices { services in
            try await buildApplication(services).test(.router) { client in
                try await client.execute(uri: Endpoints.jwks, method: .get) { response in
                    #expect(response.status == .ok)
                    let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                    let keys = try #require(json["keys"] as? [[String: Any]])
                    #expect(keys.compactMap { $0["alg"] as? String }.sorted() == ["ES256", "EdDSA", "RS256"])
                    for key in keys {
                        #expect(key["kid"] is String)
                        #expect(key["use"] as? String == "sig")
                        #expect(Set(key.keys).isDisjoint(with: ["d", "p", "q", "dp", "dq", "qi", "k"]))
                    }
                }
            }
        }
    }

    @Test func jwksCacheLifetimeIsTheOneTheRotationRuleUses() async throws {
        let portvakt = try TestPortvakt(["keys": ["jwks_max_age": 900]])
        defer { portvakt.remove() }
        try await portvakt.withServices { services in
            #expect(services.configuration.keyPolicy.publicationDelay == 900 + 10)
            try await buildApplication(services).test(.router) { client in
                try await client.execute(uri: Endpoints.jwks, method: .get) { response in
                    #expect(response.headers[.cacheControl] == "public, max-age=900")
                }
            }
        }
    }

    /// Both documents are prepared bytes with a strong ETag; a client that names it gets 304 with the same ETag and
    /// Cache-Control and no body; any other tag gets the document.
    @Test(arguments: [(Endpoints.discovery, "public, max-age=300"), (Endpoints.jwks, "public, max-age=900")])
    func theDocumentsCarryAnETagAndAnswerIfNoneMatch(_ path: String, _ cacheControl: String) async throws {
        let portvakt = try TestPortvakt(["keys": ["jwks_max_age": 900]])
        defer { portvakt.remove() }
        try await portvakt.withServices { services in
            try await buildApplication(services).test(.router) { client in
                let (etag, body) = try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.cacheControl] == cacheControl)
                    return (try #require(response.headers[.eTag]), Data(buffer: response.body))
                }
                #expect(etag == EntityTag(of: body).value, "strong: the quoted base64url SHA-256 of the bytes")
                #expect(!etag.hasPrefix("W/"))
                for ifNoneMatch in [etag, "W/\(etag)", "\"stale\", \(etag)", "*"] {
                    try await client.execute(uri: path, method: .get, headers: [.ifNoneMatch: ifNoneMatch]) { response in
                        #expect(response.status == .notModified, "If-None-Match: \(ifNoneMatch)")
                        #expect(response.headers[.eTag] == etag)
                        #expect(response.headers[.cacheControl] == cacheControl)
                        #expect(response.body.readableBytes == 0)
                    }
                }
                for ifNoneMatch in ["\"stale\"", "W/\"stale\", \"older\"", String(etag.dropFirst().dropLast())] {
                    try await client.execute(uri: path, method: .get, headers: [.ifNoneMatch: ifNoneMatch]) { response in
                        #expect(response.status == .ok, "If-None-Match: \(ifNoneMatch)")
                        #expect(response.headers[.eTag] == etag)
                        #expect(Data(buffer: response.body) == body)
                    }
                }
            }
        }
    }

    /// The JWKS is re-encoded when the published keys change, and only then: its ETag with them.
    @Test func theJWKSETagChangesWithTheKeysAndOnlyWithThem() async throws {
        let portvakt = try TestPortvakt(["keys": ["algorithms": ["RS256", "ES256"]]])
        defer { portvakt.remove() }
        try await portvakt.withServices { services in
            let app = try await buildApplication(services)
            func served() async throws -> (etag: String, kids: [String]) {
                try await app.test(.router) { client in
                    try await client.execute(uri: Endpoints.jwks, method: .get) { response in
                        (response.headers[.eTag] ?? "", try JSONDecoder().decode(JWKSet.self, from: Data(buffer: response.body)).keys.map(\.kid))
                    }
                }
            }
            let before = try await served()
            _ = try await services.refreshKeys(now: Date())
            #expect(try await served().etag == before.etag, "a reload without a change keeps the document")

            let plan = try await services.keyManager.rotate(.es256, now: Date(), actor: "test")
            let next = try #require(plan.newKeys.first)
            _ = try await services.refreshKeys(now: Date())
            let after = try await served()
            #expect(after.kids == before.kids + [next.kid])
            #expect(after.etag != before.etag)
            try await app.test(.router) { client in
                try await client.execute(uri: Endpoints.jwks, method: .get, headers: [.ifNoneMatch: before.etag]) { response in
                    #expect(response.status == .ok, "the old tag no longer matches")
                    #expect(response.headers[.eTag] == after.etag)
                }
            }
        }
    }

    @Test func theKeyRingSignsRS256WithOpenSSLAndTheOthersWithSwiftCrypto() async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        try await portvakt.withServices { services in
            #expect(services.keyRing.signer(for: .rs256) is OpenSSLRSASigner)
            #expect(services.keyRing.signer(for: .es256) is SwiftCryptoSigner)
            #expect(services.keyRing.signer(for: .eddsa) is SwiftCryptoSigner)
        }
    }

    @Test(arguments: SigningAlgorithm.allCases)
    func tokensSignedByTheKeyRingVerifyAgainstTheServedJWKS(_ algorithm: SigningAlgorithm) async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        try await portvakt.withServices { services in
            let signer = try #require(services.keyRing.signer(for: algorithm))
            let token = try JWS.compact(payload: Data(#"{"iss":"http://localhost:8080","sub":"alice"}"#.utf8), signer: signer)
            let jwks = try await buildApplication(services).test(.router) { client in
                try await client.execute(uri: Endpoints.jwks, method: .get) { String(buffer: $0.body) }
            }
            let keys = try await JWTKeyCollection().add(jwksJSON: jwks)
            let payload = try await keys.verify(token, as: SubjectPayload.self)
            #expect(payload.sub.value == "alice")
        }
    }
}

struct SubjectPayload: JWTPayload {
    var sub: SubjectClaim
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
