import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortvaktCore
import PortvaktServer
import SQLKit
import Testing

@testable import PortvaktStore

/// A client_credentials token is issued from the cached client alone: nothing is written (no grant), and it is
/// revoked by its `jti` on the store's denylist, which introspection reads on every node.
@Suite struct ClientCredentialsTokenTests {
    static let basic: HTTPFields = [.authorization: "Basic " + Data("\(OIDCHarness.service):\(OIDCHarness.secret)".utf8).base64EncodedString()]

    /// The number of rows in every table of the harness's SQLite store.
    func rowCounts(_ store: any PortvaktStore) async throws -> [String: Int] {
        let sql = try #require(store as? SQLStore)
        return try await sql.backend.withSession { db in
            let tables = try await db.raw("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all(decodingColumn: "name", as: String.self)
            var counts: [String: Int] = [:]
            for table in tables {
                counts[table] = try await db.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first(decodingColumn: "n", as: Int.self)
            }
            return counts
        }
    }

    func claims(_ token: String) throws -> [String: Any] {
        let payload = try #require(Base64URL.decode(String(token.split(separator: ".")[1])))
        return try #require(try JSONSerialization.jsonObject(with: Data(payload)) as? [String: Any])
    }

    @Test func issuingWritesNothing() async throws {
        try await OIDCHarness.run { h in
            // One token first: the count starts from a node that has served one already.
            #expect(try await h.post("/token", form: ["grant_type": "client_credentials"], headers: Self.basic).status == .ok)
            let before = try await rowCounts(h.services.store)
            #expect(before["grants"] != nil && before["denied_tokens"] == 0)
            var jtis: Set<String> = []
            for _ in 0..<5 {
                let answer = try await h.post("/token", form: ["grant_type": "client_credentials", "scope": "email"], headers: Self.basic)
                #expect(answer.status == .ok)
                let token = try claims(try #require(answer.json["access_token"] as? String))
                #expect(token["grant_id"] == nil, "no grant is stored, so the token names none")
                #expect(token["client_id"] as? String == OIDCHarness.service && token["scope"] as? String == "email")
                jtis.insert(try #require(token["jti"] as? String))
            }
            #expect(jtis.count == 5)
            #expect(try await rowCounts(h.services.store) == before, "no row was written: no grant, no audit event, nothing")
        }
    }

    @Test func aRevokedTokenIsInactiveAndOnlyItsClientMayRevokeIt() async throws {
        try await OIDCHarness.run { h in
            let first = try #require(try await h.post("/token", form: ["grant_type": "client_credentials"], headers: Self.basic).json["access_token"] as? String)
            let second = try #require(try await h.post("/token", form: ["grant_type": "client_credentials"], headers: Self.basic).json["access_token"] as? String)
            let info = try await h.post("/introspect", form: ["token": first], headers: Self.basic).json
            #expect(info["active"] as? Bool == true && info["client_id"] as? String == OIDCHarness.service)
            let firstJTI = try claims(first)["jti"] as? String
            #expect(info["sub"] as? String == OIDCHarness.service && info["jti"] as? String == firstJTI)

            // Another client can neither revoke it nor see it.
            let other = ["client_id": OIDCHarness.thirdParty, "client_secret": OIDCHarness.secret]
            #expect(try await h.post("/revoke", form: other.merging(["token": first]) { $1 }).status == .badRequest)
            #expect(try await h.post("/introspect", form: other.merging(["token": first]) { $1 }).json["active"] as? Bool == false)
            #expect(try await rowCounts(h.services.store)["denied_tokens"] == 0)

            #expect(try await h.post("/revoke", form: ["token": first], headers: Self.basic).status == .ok)
            #expect(try await h.post("/introspect", form: ["token": first], headers: Self.basic).json["active"] as? Bool == false)
            #expect(try await h.post("/introspect", form: ["token": second], headers: Self.basic).json["active"] as? Bool == true,
                    "only the revoked token is denied")
            let jti = try #require(try claims(first)["jti"] as? String)
            #expect(try await h.services.store.isTokenDenied(jti: jti))
            // Revoking it again writes nothing more.
            #expect(try await h.post("/revoke", form: ["token": first], headers: Self.basic).status == .ok)
            #expect(try await rowCounts(h.services.store)["denied_tokens"] == 1)
            let audited = try await h.services.store.auditEvents(limit: 10, before: nil).filter { $0.action == "token.revoked" }
            #expect(audited.map(\.target) == ["jti:\(jti)"])
        }
    }

    @Test func aTokenRevokedOnOneNodeIsInactiveOnAnother() async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        try await portvakt.withServices { nodeA in
            try await nodeA.store.createClient(ClientRegistration(
                id: OIDCHarness.service, name: "Robot", redirectURIs: [], grantTypes: [.clientCredentials], scopes: ["email"],
                secretDigest: Digest.sha256(OIDCHarness.secret), createdAt: Date()))
            // A second node on the same database, with its own memory, started after the client was registered.
            try await portvakt.withServices { nodeB in
                try await buildApplication(nodeA).test(.router) { a in
                    try await buildApplication(nodeB).test(.router) { b in
                        func post(_ node: some TestClientProtocol, _ path: String, _ form: [String: String]) async throws -> [String: Any] {
                            var headers = Self.basic
                            headers[.contentType] = "application/x-www-form-urlencoded"
                            let (status, body) = try await node.execute(
                                uri: path, method: .post, headers: headers, body: ByteBuffer(string: OIDCHarness.encode(form))
                            ) { ($0.status, String(buffer: $0.body)) }
                            return (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? ["status": Int(status.code)]
                        }
                        let token = try #require(try await post(b, "/token", ["grant_type": "client_credentials"])["access_token"] as? String)
                        #expect(try await post(a, "/introspect", ["token": token])["active"] as? Bool == true)
                        #expect(try await post(b, "/introspect", ["token": token])["active"] as? Bool == true)
                        _ = try await post(a, "/revoke", ["token": token])
                        #expect(try await post(b, "/introspect", ["token": token])["active"] as? Bool == false, "node B reads the denylist node A wrote")
                        #expect(try await post(a, "/introspect", ["token": token])["active"] as? Bool == false)
                    }
                }
            }
        }
    }
}
