import Foundation
import Testing

@testable import PortvaktRelyingParty

/// The JWKS cache: kept per Cache-Control, fetched again once for an unknown kid (rate-limited), and key rotation
/// without a restart.
@Suite struct KeySetTests {
    let clock = TestClock()

    func setUp(_ keys: TestKeys) -> (FakePortvakt, TokenVerifier) {
        let portvakt = FakePortvakt(jwks: keys.jwks)
        let clock = clock
        let provider = Provider(issuer: FakePortvakt.issuer, transport: portvakt, minimumRefetchInterval: 5, now: { clock.now })
        return (portvakt, TokenVerifier(provider: provider, clientID: "portal"))
    }

    func idToken(_ keys: TestKeys) throws -> String {
        let now = Int(clock.now.timeIntervalSince1970)
        return try keys.sign(["iss": FakePortvakt.issuer, "sub": "a", "aud": "portal", "iat": now, "exp": now + 600])
    }

    @Test func anUnknownKidRefetchesExactlyOnceAndAtMostOnceInTheInterval() async throws {
        let keys = try TestKeys()
        let (portvakt, verifier) = setUp(keys)
        _ = try await verifier.verifyIDToken(try idToken(keys), nonce: nil)
        #expect(await portvakt.jwksFetches == 1)
        clock.advance(10)
        let stranger = try TestKeys(esKid: "es256-unknown")
        do {
            _ = try await verifier.verifyIDToken(try idToken(stranger), nonce: nil)
            Issue.record("an unknown kid was accepted")
        } catch let error as VerificationError {
            #expect(error.check == .unknownKey)
        }
        #expect(await portvakt.jwksFetches == 2, "one refetch for the unknown kid")
        for _ in 0..<5 {
            clock.advance(0.5)
            await #expect(throws: VerificationError.self) { _ = try await verifier.verifyIDToken(try idToken(stranger), nonce: nil) }
        }
        #expect(await portvakt.jwksFetches == 2, "no more within the interval, however many tokens")
        clock.advance(5)
        await #expect(throws: VerificationError.self) { _ = try await verifier.verifyIDToken(try idToken(stranger), nonce: nil) }
        #expect(await portvakt.jwksFetches == 3, "one more after the interval")
    }

    @Test func concurrentLookupsShareOneFetch() async throws {
        let keys = try TestKeys()
        let (portvakt, verifier) = setUp(keys)
        let token = try idToken(keys)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 { group.addTask { _ = try await verifier.verifyIDToken(token, nonce: nil) } }
            try await group.waitForAll()
        }
        #expect(await portvakt.jwksFetches == 1)
    }

    @Test func aRotatedKeyVerifiesWithoutRestartAndTheOldOneWhileItIsPublished() async throws {
        let old = try TestKeys(esKid: "es256-old")
        let (portvakt, verifier) = setUp(old)
        _ = try await verifier.verifyIDToken(try idToken(old), nonce: nil)
        // Portvakt pre-publishes the new key, then promotes it; the old one stays published as retired.
        let new = try TestKeys(esKid: "es256-new")
        let both = try JSONSerialization.data(withJSONObject: ["keys": [old.esJWK, new.esJWK]])
        await portvakt.serve(jwks: both)
        clock.advance(30)
        _ = try await verifier.verifyIDToken(try idToken(new), nonce: nil)
        _ = try await verifier.verifyIDToken(try idToken(old), nonce: nil)
        #expect(await portvakt.jwksFetches == 2)
        // Once the old key is removed and the cache has expired, its tokens are refused.
        await portvakt.serve(jwks: try JSONSerialization.data(withJSONObject: ["keys": [new.esJWK]]))
        clock.advance(3600)
        _ = try await verifier.verifyIDToken(try idToken(new), nonce: nil)
        do {
            _ = try await verifier.verifyIDToken(try idToken(old), nonce: nil)
            Issue.record("a removed key still verified after the cache expired")
        } catch let error as VerificationError {
            #expect(error.check == .unknownKey)
        }
    }

    @Test func theJWKSIsKeptAsLongAsItsCacheControlSays() async throws {
        let keys = try TestKeys()
        let (portvakt, verifier) = setUp(keys)
        await portvakt.set(jwksCacheControl: "public, max-age=60")
        _ = try await verifier.verifyIDToken(try idToken(keys), nonce: nil)
        clock.advance(59)
        _ = try await verifier.verifyIDToken(try idToken(keys), nonce: nil)
        #expect(await portvakt.jwksFetches == 1)
        clock.advance(2)
        _ = try await verifier.verifyIDToken(try idToken(keys), nonce: nil)
        #expect(await portvakt.jwksFetches == 2)
        #expect(CacheControl.lifetime("no-store", otherwise: 300) == 0)
        #expect(CacheControl.lifetime("public, max-age=3600", otherwise: 300) == 3600)
        #expect(CacheControl.lifetime(nil, otherwise: 300) == 300)
    }

    @Test func discoveryForAnotherIssuerIsRefused() async throws {
        let keys = try TestKeys()
        let (portvakt, verifier) = setUp(keys)
        await portvakt.set(discoveryIssuer: "https://evil.example")
        await #expect(throws: VerificationError.self) { _ = try await verifier.verifyIDToken(try idToken(keys), nonce: nil) }
        #expect(await portvakt.jwksFetches == 0)
    }
}
