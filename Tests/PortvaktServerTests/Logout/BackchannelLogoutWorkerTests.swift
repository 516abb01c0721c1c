import Foundation
import Hummingbird
import HummingbirdTesting
import JWTKit
import PortvaktCore
import PortvaktStore
import Testing

@testable import PortvaktServer

/// The worker POSTs each client a signed logout token (OpenID Connect Back-Channel Logout 1.0 §2.4–2.5) to a real
/// HTTP receiver on 127.0.0.1, tries again while the receiver is down, and gives up with an audit record.
@Suite struct BackchannelLogoutWorkerTests {
    struct LogoutClaims: JWTPayload {
        let iss: String
        let aud: String
        let iat: Int
        let exp: Int
        let jti: String
        let sub: String
        let sid: String?
        let events: [String: [String: String]]
        let nonce: String?
        func verify(using algorithm: some JWTAlgorithm) throws {}
    }

    actor Receiver {
        var answers: [HTTPResponse.Status]
        var bodies: [String] = []
        init(answers: [HTTPResponse.Status]) { self.answers = answers }
        func receive(_ body: String) -> HTTPResponse.Status {
            bodies.append(body)
            return answers.count > 1 ? answers.removeFirst() : answers[0]
        }
    }

    private func withReceiver(_ receiver: Receiver, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        let router = Router()
        router.post("/bcl") { request, _ -> Response in
            let text = String(buffer: try await request.body.collect(upTo: 16 * 1024))
            return Response(status: await receiver.receive(text))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in try await body(try #require(client.port)) }
    }

    @Test func aLogoutTokenIsDeliveredAfterTheClientComesBack() async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        let receiver = Receiver(answers: [.serviceUnavailable, .ok])
        try await withReceiver(receiver) { port in
            try await portvakt.withServices { services in
                let store = services.store
                let now = Date()
                try await store.createClient(ClientRegistration(
                    id: "portal", name: "Portal", redirectURIs: ["https://portal.example/cb"],
                    backchannelLogoutURI: "http://127.0.0.1:\(port)/bcl", idTokenSignedResponseAlg: .es256, createdAt: now))
                try await store.createAccount(Account(id: "acc-1", email: "anna@example.se", emailVerified: true, givenName: "Anna",
                                                      familyName: "S", locale: "sv", createdAt: now))
                try await store.createSession(LoginSession(sid: "s1", accountID: "acc-1", authTime: now, acr: nil, amr: [], createdAt: now,
                                                           lastSeenAt: now, expiresAt: now.addingTimeInterval(3600)), secretDigest: [1])
                try await store.createGrant(Grant(id: "g1", clientID: "portal", accountID: "acc-1", scopes: ["openid"], sid: "s1", createdAt: now))
                #expect(try await store.endSession(sid: "s1", at: now))

                let worker = BackchannelLogoutWorker(store: store, keyRing: services.keyRing, issuer: services.configuration.issuer,
                                                     logger: TestPortvakt.logger)
                #expect(await worker.deliverDue(now: now) == 0, "the client is down")
                #expect(await worker.deliverDue(now: now.addingTimeInterval(1)) == 0, "not due again yet")
                #expect(await worker.deliverDue(now: now.addingTimeInterval(3)) == 1, "delivered once it is back")
                #expect(try await store.pendingLogouts(limit: 5).isEmpty)

                let bodies = await receiver.bodies
                #expect(bodies.count == 2)
                let token = try #require(bodies.last.flatMap { URLComponents(string: "?" + $0)?.queryItems?.first { $0.name == "logout_token" }?.value })
                let header = try JSONSerialization.jsonObject(with: try #require(Base64URL.decode(String(token.split(separator: ".")[0])).map { Data($0) })) as? [String: Any]
                #expect(header?["typ"] as? String == "logout+jwt" && header?["alg"] as? String == "ES256")
                let claims = try await services.keyRing.verify(token, as: LogoutClaims.self)
                #expect(claims.iss == services.configuration.issuer && claims.aud == "portal" && claims.sub == "acc-1" && claims.sid == "s1")
                #expect(claims.events == [LogoutToken.event: [:]] && claims.nonce == nil && !claims.jti.isEmpty)
                #expect(claims.exp - claims.iat == Int(LogoutToken.lifetime))
            }
        }
    }

    @Test func aClientThatKeepsFailingIsGivenUpAndAudited() async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        let receiver = Receiver(answers: [.internalServerError])
        try await withReceiver(receiver) { port in
            try await portvakt.withServices { services in
                let store = services.store
                let now = Date()
                try await store.createClient(ClientRegistration(
                    id: "portal", name: "Portal", redirectURIs: ["https://portal.example/cb"], backchannelLogoutURI: "http://127.0.0.1:\(port)/bcl",
                    createdAt: now))
                try await store.createAccount(Account(id: "acc-1", email: "anna@example.se", emailVerified: true, givenName: "Anna",
                                                      familyName: "S", locale: "sv", createdAt: now))
                try await store.createGrant(Grant(id: "g1", clientID: "portal", accountID: "acc-1", scopes: ["openid"], sid: "s1", createdAt: now))
                try await store.createSession(LoginSession(sid: "s1", accountID: "acc-1", authTime: now, acr: nil, amr: [], createdAt: now,
                                                           lastSeenAt: now, expiresAt: now.addingTimeInterval(3600)), secretDigest: [1])
                _ = try await store.endSession(sid: "s1", at: now)
                let worker = BackchannelLogoutWorker(store: store, keyRing: services.keyRing, issuer: services.configuration.issuer,
                                                     logger: TestPortvakt.logger)
                var at = now
                for _ in 0..<BackchannelLogoutSchedule.attempts {
                    _ = await worker.deliverDue(now: at)
                    at = at.addingTimeInterval(BackchannelLogoutSchedule.maximumDelay + 1)
                }
                #expect(await receiver.bodies.count == BackchannelLogoutSchedule.attempts)
                #expect(try await store.pendingLogouts(limit: 5).isEmpty, "given up")
                let events = try await store.auditEvents(limit: 10, before: nil)
                #expect(events.contains { $0.action == "client.backchannel_logout_failed" && $0.target == "portal" })
            }
        }
    }
}
