import Foundation
import PortvaktCore
import Testing

@testable import PortvaktStore

/// Rows that have done their work go after their retention, in batches; everything younger, or still in use, stays.
@Suite struct RetentionConformanceTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let day: TimeInterval = 86_400

    @Test(arguments: TestBackend.all)
    func rowsPastTheirRetentionGoInBatches(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                var retention = Retention(refreshTokenLifetime: 30 * day)
                retention.batchSize = 2
                let now = t0.addingTimeInterval(500 * day)
                // The audit log: three past 400 days, one recent.
                for offset in [0.0, 1, 2] { _ = try await store.record(AuditEvent(at: t0.addingTimeInterval(offset), actor: "system", action: "old")) }
                _ = try await store.record(AuditEvent(at: now.addingTimeInterval(-day), actor: "system", action: "recent"))
                // Grants: one past its lifetime, one revoked long ago, one alive.
                try await store.createGrant(Grant(id: "old", clientID: "c", accountID: "a1", scopes: ["openid"], createdAt: t0))
                try await store.createGrant(Grant(id: "revoked", clientID: "c", accountID: "a2", scopes: ["openid"], createdAt: now.addingTimeInterval(-40 * day)))
                try await store.revokeGrants(accountID: "a2", at: now.addingTimeInterval(-35 * day))
                try await store.createGrant(Grant(id: "alive", clientID: "c", accountID: "a3", scopes: ["openid"], createdAt: now.addingTimeInterval(-day)))
                // Sent mail: one sent long ago, one not sent.
                try await store.enqueueMail(id: "sent", message: message(), now: t0)
                try await store.markMailSent(id: "sent", at: t0)
                try await store.enqueueMail(id: "queued", message: message(), now: t0)
                // Consents: one granted 450 days ago, one renewed recently, one for a client that was removed.
                try await store.createClient(ClientRegistration(id: "portal", name: "Portal", redirectURIs: ["https://portal.example/cb"], createdAt: t0))
                try await store.createClient(ClientRegistration(id: "gone", name: "Gone", redirectURIs: ["https://gone.example/cb"], createdAt: t0))
                try await store.saveConsent(accountID: "a1", clientID: "portal", scopes: ["openid"], at: now.addingTimeInterval(-450 * day))
                try await store.saveConsent(accountID: "a2", clientID: "portal", scopes: ["openid"], at: now.addingTimeInterval(-10 * day))
                try await store.saveConsent(accountID: "a3", clientID: "gone", scopes: ["openid"], at: now.addingTimeInterval(-day))
                #expect(try await store.removeClient(id: "gone"))

                var rounds = 0
                while try await store.purgeRetained(retention, now: now) > 0 { rounds += 1 }
                #expect(rounds >= 2, "three old audit records take two batches of two")
                #expect(try await store.auditEvents(limit: 10, before: nil).map(\.action) == ["recent"])
                let old = try await store.grant(id: "old"), revoked = try await store.grant(id: "revoked"), alive = try await store.grant(id: "alive")
                #expect(old == nil && revoked == nil && alive != nil)
                #expect(try await store.mailQueue(limit: 10).map(\.id) == ["queued"], "unsent mail is never purged")
                #expect(try await store.consentedScopes(accountID: "a1", clientID: "portal").isEmpty, "an old consent is asked again")
                #expect(try await store.consentedScopes(accountID: "a2", clientID: "portal") == ["openid"], "a recent consent stays")
                #expect(try await store.consentedScopes(accountID: "a3", clientID: "gone").isEmpty, "a removed client's consents go")
            }
        }
    }

    func message() -> MailMessage {
        MailMessage(from: MailAddress(address: "noreply@example.se"), to: MailAddress(address: "anna@example.se"), subject: "Kod", text: "123456", html: "<p>123456</p>")
    }
}
