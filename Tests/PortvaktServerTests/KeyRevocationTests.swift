import ArgumentParser
import Foundation
import PortvaktCore
import PortvaktServer
import PortvaktStore
import Testing

@testable import PortvaktCLI

/// `portvakt keys revoke KID --compromised` against the store a running server uses.
@Suite struct KeyRevocationTests {
    @Test func revokingACompromisedKeyByTheCLIPromotesASuccessorDropsTheKeyAndEndsTheGrants() async throws {
        let portvakt = try TestPortvakt(["keys": ["algorithms": ["RS256", "ES256"]]])
        defer { portvakt.remove() }
        try await portvakt.withServices { services in
            let store = services.store
            let compromised = try #require(services.keyRing.signer(for: .es256)).kid
            let now = Date()
            try await store.createAccount(Account(
                id: "acc-1", email: "anna@pantbutiken.se", emailVerified: true, givenName: "Anna", familyName: "Svensson", locale: nil,
                createdAt: now.addingTimeInterval(-60)))
            try await store.createGrant(Grant(
                id: "grant-1", clientID: "portal", accountID: "acc-1", scopes: ["openid", "offline_access"], createdAt: now.addingTimeInterval(-60)))

            // Without --compromised nothing happens.
            await #expect(throws: ExitCode.self) { try await runCLI(["keys", "revoke", compromised, "--config", portvakt.configPath]) }
            #expect(try await store.grant(id: "grant-1")?.revokedAt == nil)

            try await runCLI(["keys", "revoke", compromised, "--compromised", "--config", portvakt.configPath])
            let keys = try await services.keyManager.keys()
            #expect(keys.first { $0.kid == compromised }?.state == .removed)
            let successor = try #require(keys.first { $0.algorithm == .es256 && $0.state == .active })
            #expect(successor.kid != compromised)
            #expect(keys.filter { $0.algorithm == .rs256 && $0.state == .active }.count == 1, "other algorithms are untouched")
            #expect(try await store.signingKeys().first { $0.info.kid == compromised }?.sealedPrivateKey == nil)

            // The running node picks it up on its next refresh: the successor signs, the JWKS lacks the key.
            try await services.refreshKeys(now: Date())
            #expect(services.keyRing.signer(for: .es256)?.kid == successor.kid)
            #expect(!services.keyRing.publishedKids.contains(compromised))

            #expect(try await store.grant(id: "grant-1")?.revokedAt != nil, "offline_access grants end too")
            let events = try await store.auditEvents(limit: 50, before: nil)
            #expect(events.contains { $0.action == "key.compromised" && $0.target == compromised && $0.details["to"] == "removed" })
            #expect(events.contains { $0.action == "grants.ended" && $0.details["reason"] == "key.compromised" })

            // A second revocation of the same key is refused.
            await #expect(throws: ExitCode.self) {
                try await runCLI(["keys", "revoke", compromised, "--compromised", "--config", portvakt.configPath])
            }
        }
    }

    @Test func theOperatorIsToldWhatRelyingPartiesWithACachedJWKSWillSee() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let old = SigningKeyInfo(kid: "old", algorithm: .es256, state: .removed, createdAt: now, activatesAt: now, removedAt: now)
        let new = SigningKeyInfo(kid: "new", algorithm: .es256, state: .active, createdAt: now, activatesAt: now, activatedAt: now)
        var waiting = new
        waiting.state = .next
        let plan = KeyPlan(
            newKeys: [waiting], transitions: [KeyTransition(from: .active, key: old), KeyTransition(from: .next, key: new)],
            endGrantsCreatedBefore: now)
        let text = KeyTable.describeRevocation(plan, jwksMaxAge: 3600, now: now)
        #expect(text.contains("old (ES256) is revoked: out of the JWKS"))
        #expect(text.contains("new (ES256) was generated and signs from now on"))
        #expect(text.contains("every grant made by"))
        #expect(text.contains("may still accept tokens signed by the revoked key until \(Timestamp.iso(now.addingTimeInterval(3600)))"))
        #expect(text.contains("can no longer be verified"))
    }
}
