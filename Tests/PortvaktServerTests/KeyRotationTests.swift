import ArgumentParser
import Foundation
import Hummingbird
import HummingbirdTesting
import PortvaktCLI
import PortvaktCore
import PortvaktCrypto
import PortvaktServer
import Testing

/// Rotation as an operator does it: the CLI against the store a running server uses, and the server's
/// refresh picking it up without a restart. Time is passed in; nothing sleeps.
@Suite struct KeyRotationTests {
    func servedKids(_ services: PortvaktServices) async throws -> [String] {
        let body = try await buildApplication(services).test(.router) { client in
            try await client.execute(uri: Endpoints.jwks, method: .get) { Data(buffer: $0.body) }
        }
        return try JSONDecoder().decode(JWKSet.self, from: body).keys.map(\.kid)
    }

    @Test func aRotationByTheCLIIsPublishedThenPromotedWithoutARestart() async throws {
        let portvakt = try TestPortvakt(["keys": ["algorithms": ["RS256", "ES256"], "jwks_max_age": 600, "refresh_interval": 5]])
        defer { portvakt.remove() }
        try await portvakt.withServices { services in
            let oldSigner = try #require(services.keyRing.signer(for: .es256))
            let before = try await servedKids(services)

            try await runCLI(["keys", "rotate", "--alg", "ES256", "--config", portvakt.configPath])
            let keys = try await services.keyManager.keys()
            let next = try #require(keys.first { $0.state == .next })
            #expect(next.algorithm == .es256)

            // The next refresh publishes the new key; the old one still signs.
            try await services.refreshKeys(now: Date())
            let published = try await servedKids(services)
            #expect(published == before + [next.kid])
            #expect(services.keyRing.signer(for: .es256)?.kid == oldSigner.kid)

            // One refresh before the promotion time: nothing changes.
            try await services.refreshKeys(now: next.activatesAt.addingTimeInterval(-1))
            #expect(services.keyRing.signer(for: .es256)?.kid == oldSigner.kid)

            // At the promotion time the refresh promotes it: it signs, the old key stays published.
            let promoted = try await services.refreshKeys(now: next.activatesAt)
            #expect(promoted.transitions.map(\.key.kid) == [oldSigner.kid, next.kid])
            #expect(services.keyRing.signer(for: .es256)?.kid == next.kid)
            #expect(try await servedKids(services).contains(oldSigner.kid))
            #expect(services.keyRing.signer(for: .rs256) != nil)
        }
    }

    @Test func refusedStepsExplainWhyAndChangeNothing() async throws {
        let portvakt = try TestPortvakt(["keys": ["algorithms": ["RS256"]]])
        defer { portvakt.remove() }
        try await portvakt.withServices { services in
            let manager = services.keyManager
            let active = try #require(try await manager.keys().first)
            let before = try await services.store.signingKeys()
            let auditBefore = try await services.store.auditEvents(limit: 100, before: nil)
            let remove = await #expect(throws: KeyLifecycleError.self) { try await manager.remove(active.kid, now: Date(), actor: "test") }
            #expect(remove?.code == .activeKeyMustBeRetiredFirst)
            #expect(remove?.message.contains("retire it first") == true)
            let retire = await #expect(throws: KeyLifecycleError.self) { try await manager.retire(active.kid, now: Date(), actor: "test") }
            #expect(retire?.code == .noSuccessor)
            #expect(retire?.message.contains("portvakt keys rotate --alg RS256") == true)
            let unknown = await #expect(throws: KeyLifecycleError.self) { try await manager.retire("no-such-kid", now: Date(), actor: "test") }
            #expect(unknown?.code == .unknownKey)
            // The CLI refuses the same steps with a non-zero exit.
            await #expect(throws: ExitCode.self) { try await runCLI(["keys", "remove", active.kid, "--config", portvakt.configPath]) }
            await #expect(throws: ExitCode.self) { try await runCLI(["keys", "retire", active.kid, "--config", portvakt.configPath]) }
            #expect(try await services.store.signingKeys() == before)
            #expect(try await services.store.auditEvents(limit: 100, before: nil) == auditBefore)
        }
    }

    @Test func twoRotationsAtOnceQueueOneSuccessor() async throws {
        let portvakt = try TestPortvakt(["keys": ["algorithms": ["RS256"]]])
        defer { portvakt.remove() }
        try await portvakt.withServices { nodeA in
            try await portvakt.withServices { nodeB in
                let now = Date()
                async let a = Result(asyncCatching: { try await nodeA.keyManager.rotate(.rs256, now: now, actor: "a") })
                async let b = Result(asyncCatching: { try await nodeB.keyManager.rotate(.rs256, now: now, actor: "b") })
                _ = await [a, b]
                let waiting = try await nodeA.keyManager.keys().filter { $0.state == .next }
                #expect(waiting.count == 1)
            }
        }
    }

    @Test func aFullRotationEndsWithTheOldKeyRemovedAfterItsTokensExpired() async throws {
        let portvakt = try TestPortvakt(["keys": ["algorithms": ["RS256"]]])
        defer { portvakt.remove() }
        try await portvakt.withServices { services in
            let manager = services.keyManager
            let t0 = Date()
            let old = try #require(try await manager.keys().first)
            let pre = try await manager.rotate(.rs256, now: t0, actor: "test")
            let new = try #require(pre.newKeys.first)
            let early = await #expect(throws: KeyLifecycleError.self) {
                try await manager.retire(old.kid, now: t0.addingTimeInterval(60), actor: "test")
            }
            #expect(early?.code == .tooEarlyToActivate)
            let handOver = try await manager.rotate(.rs256, now: new.activatesAt, actor: "test")
            let retired = try #require(handOver.transitions.first { $0.key.kid == old.kid }?.key)
            let removable = try #require(retired.removableAt)
            await #expect(throws: KeyLifecycleError.self) {
                try await manager.remove(old.kid, now: removable.addingTimeInterval(-1), actor: "test")
            }
            _ = try await manager.remove(old.kid, now: removable, actor: "test")
            _ = try await services.refreshKeys(now: removable)
            #expect(try await servedKids(services) == [new.kid])
            let stored = try await services.store.signingKeys().first { $0.info.kid == old.kid }
            #expect(stored?.sealedPrivateKey == nil)
            let actions = try await services.store.auditEvents(limit: 10, before: nil).map(\.action)
            #expect(actions.contains("key.removed") && actions.contains("key.rotated"))
        }
    }

    @Test func nodesRefreshingAtOnceAgreeOnOnePromotion() async throws {
        let portvakt = try TestPortvakt(["keys": ["algorithms": ["RS256"]]])
        defer { portvakt.remove() }
        try await portvakt.withServices { nodeA in
            try await portvakt.withServices { nodeB in
                let pre = try await nodeA.keyManager.rotate(.rs256, now: Date(), actor: "test")
                let new = try #require(pre.newKeys.first)
                async let a = nodeA.refreshKeys(now: new.activatesAt)
                async let b = nodeB.refreshKeys(now: new.activatesAt)
                let plans = try await [a, b]
                #expect(plans.filter { !$0.isEmpty }.count == 1)
                #expect(nodeA.keyRing.signer(for: .rs256)?.kid == new.kid)
                #expect(nodeB.keyRing.signer(for: .rs256)?.kid == new.kid)
            }
        }
    }

    @Test func keysListPrintsJSONAndTheCLIRefusesAKEKThatDoesNotOpenTheKeys() async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        _ = try await portvakt.withServices { _ in }
        try await runCLI(["keys", "list", "--json", "--config", portvakt.configPath])
        // Another KEK file: generating would seal a key no node can open, so it is refused.
        let other = try TestPortvakt(["database_url": "sqlite://\(portvakt.folder)/portvakt.sqlite"])
        defer { other.remove() }
        _ = try KeyEncryptionKey.load(.file(path: other.folder + "/kek"), createIfMissing: true)
        let before = try await portvakt.withServices { try await $0.store.signingKeys() }
        await #expect(throws: ExitCode.self) { try await runCLI(["keys", "rotate", "--alg", "ES256", "--config", other.configPath]) }
        #expect(try await portvakt.withServices { try await $0.store.signingKeys() } == before)
    }
}

extension Result where Failure == any Error {
    init(asyncCatching body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}
