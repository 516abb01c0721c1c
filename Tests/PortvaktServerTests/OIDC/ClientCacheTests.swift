import Foundation
import HTTPTypes
import PortvaktCore
import PortvaktServer
import PortvaktStore
import Testing

/// Every node holds the clients in memory (`ClientDirectory`) and reloads them when the store's version changes,
/// which `ClientRefreshService` checks every `keys.refresh_interval`; `clients.refresh()` is that check.
@Suite struct ClientCacheTests {
    func basic(_ id: String, _ secret: String) -> HTTPFields {
        [.authorization: "Basic " + Data("\(id):\(secret)".utf8).base64EncodedString()]
    }

    func clientCredentials(_ h: OIDCHarness, secret: String = OIDCHarness.secret) async throws -> OIDCHarness.Answer {
        try await h.post("/token", form: ["grant_type": "client_credentials"], headers: basic(OIDCHarness.service, secret))
    }

    @Test func aRemovedClientIsRefusedOnceTheNodeReloads() async throws {
        try await OIDCHarness.run { h in
            #expect(try await clientCredentials(h).status == .ok)
            let before = try #require(h.services.clients.version)
            #expect(try await h.services.store.removeClient(id: OIDCHarness.service))
            // Until this node's next refresh (at most keys.refresh_interval later) its memory still holds the client:
            // proof that a token request reads no registration from the store.
            #expect(try await clientCredentials(h).status == .ok)
            #expect(try await h.services.clients.refresh(), "the removal increased the version")
            #expect(try #require(h.services.clients.version) > before)
            let refused = try await clientCredentials(h)
            #expect(refused.status == .unauthorized)
            #expect(refused.json["error"] as? String == "invalid_client")
            #expect(refused.headers[.wwwAuthenticate]?.hasPrefix("Basic") == true)
            // Nothing else changed: the next check reloads nothing.
            #expect(try await h.services.clients.refresh() == false)
        }
    }

    @Test func aRotatedSecretReplacesTheOldOneOnceTheNodeReloads() async throws {
        try await OIDCHarness.run { h in
            #expect(try await clientCredentials(h).status == .ok)
            let second = "second-secret-0123456789abcdefghijklmnopqrstuvwxyz"
            #expect(try await h.services.store.updateClientSecret(id: OIDCHarness.service, digest: Digest.sha256(second)))
            #expect(try await clientCredentials(h).status == .ok, "the old secret works until this node reloads")
            #expect(try await h.services.clients.refresh())
            let old = try await clientCredentials(h)
            #expect(old.status == .unauthorized && old.json["error"] as? String == "invalid_client")
            #expect(try await clientCredentials(h, secret: second).status == .ok)

            // A new secret works from its first use: credentials that do not match make the node compare the
            // version at once, and the reloaded registration then refuses the old secret too.
            let third = "third-secret-0123456789abcdefghijklmnopqrstuvwxyz0"
            #expect(try await h.services.store.updateClientSecret(id: OIDCHarness.service, digest: Digest.sha256(third)))
            #expect(try await clientCredentials(h, secret: third).status == .ok)
            #expect(try await clientCredentials(h, secret: second).status == .unauthorized)
            #expect(try await clientCredentials(h, secret: "wrong").json["error"] as? String == "invalid_client")
        }
    }

    @Test func aClientRegisteredMeanwhileWorksAtOnce() async throws {
        try await OIDCHarness.run { h in
            _ = try await clientCredentials(h)
            try await h.services.store.createClient(ClientRegistration(
                id: "robot-2", name: "Robot 2", redirectURIs: [], grantTypes: [.clientCredentials], scopes: ["email"],
                secretDigest: Digest.sha256(OIDCHarness.secret), createdAt: h.clock.now))
            let answer = try await h.post("/token", form: ["grant_type": "client_credentials"], headers: basic("robot-2", OIDCHarness.secret))
            #expect(answer.status == .ok)
            // And /authorize finds a new client the same way.
            try await h.services.store.createClient(ClientRegistration(
                id: "portal-2", name: "Portal 2", redirectURIs: ["https://portal2.example.se/cb"], firstParty: true,
                secretDigest: Digest.sha256(OIDCHarness.secret), createdAt: h.clock.now))
            let authorized = try await h.authorize(["client_id": "portal-2", "redirect_uri": "https://portal2.example.se/cb"], cookie: try await h.login())
            #expect(authorized.redirectParameters["code"] != nil)
        }
    }

    @Test func theCodeFlowReadsItsClientFromMemory() async throws {
        try await OIDCHarness.run { h in
            let cookie = try await h.login()
            let code = try await h.code(cookie: cookie)
            // The client is removed in the store; this node has not reloaded yet, so the flow goes on ...
            #expect(try await h.services.store.removeClient(id: OIDCHarness.confidential))
            #expect(try await h.exchange(code).status == .ok)
            #expect(try await h.authorize([:], cookie: cookie).redirectParameters["code"] != nil)
            // ... and once it has, the client is gone everywhere: /authorize, /token.
            #expect(try await h.services.clients.refresh())
            #expect(try await h.authorize([:], cookie: cookie).status == .badRequest)
            let refused = try await h.exchange("any-code")
            #expect(refused.json["error"] as? String == "invalid_client")
        }
    }
}
