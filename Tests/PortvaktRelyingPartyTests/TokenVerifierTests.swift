import Crypto
import Foundation
import Testing

@testable import PortvaktRelyingParty

/// Every verification rule, each with the attack it stops.
@Suite struct TokenVerifierTests {
    let keys: TestKeys
    let portvakt: FakePortvakt
    let clock = TestClock()
    let verifier: TokenVerifier
    static let client = "portal"

    init() throws {
        keys = try TestKeys()
        portvakt = FakePortvakt(jwks: keys.jwks)
        let clock = clock
        let provider = Provider(issuer: FakePortvakt.issuer, transport: portvakt, now: { clock.now })
        verifier = TokenVerifier(provider: provider, clientID: Self.client)
    }

    var now: Int { Int(clock.now.timeIntervalSince1970) }

    func idClaims(_ changes: [String: Any] = [:]) -> [String: Any] {
        var claims: [String: Any] = [
            "iss": FakePortvakt.issuer, "sub": "account-1", "aud": Self.client, "azp": Self.client, "iat": now, "exp": now + 600,
            "nonce": "n-123", "sid": "sid-1",
            "memberships": [["customer_number": "0123436", "name": "Pantbutiken", "kind": "retailer", "role": "admin"]],
        ]
        for (name, value) in changes { claims[name] = value }
        return claims
    }

    func accessClaims(_ changes: [String: Any] = [:]) -> [String: Any] {
        var claims: [String: Any] = [
            "iss": FakePortvakt.issuer, "sub": "account-1", "aud": FakePortvakt.issuer, "client_id": Self.client, "iat": now, "exp": now + 600,
            "scope": "openid memberships business:0123436", "jti": "j1", "grant_id": "g1",
            "business": ["customer_number": "0123436", "name": "Pantbutiken", "role": "admin"],
        ]
        for (name, value) in changes { claims[name] = value }
        return claims
    }

    func accessToken(_ changes: [String: Any] = [:], with algorithm: JWSAlgorithm = .es256) throws -> String {
        let kid = switch algorithm { case .es256: keys.esKid; case .edDSA: keys.edKid; case .rs256: keys.rsKid }
        return try keys.sign(accessClaims(changes), header: ["alg": algorithm.rawValue, "kid": kid, "typ": "at+jwt"], with: algorithm)
    }

    func refusal(_ check: VerificationError.Check, _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("accepted; expected a refusal by \(check)")
        } catch let error as VerificationError {
            #expect(error.check == check, "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func anIDTokenOfEachAlgorithmVerifiesWithItsClaimsAsTypes() async throws {
        for algorithm in JWSAlgorithm.allCases {
            let token = try await verifier.verifyIDToken(try keys.sign(idClaims(), with: algorithm), nonce: "n-123")
            #expect(token.subject == "account-1")
            #expect(token.sessionID == "sid-1")
            #expect(try token.memberships() == [Membership(customerNumber: "0123436", name: "Pantbutiken", kind: .retailer, role: .admin)])
        }
    }

    @Test func anAccessTokenVerifiesWithItsBusinessAndScopes() async throws {
        let token = try await verifier.verifyAccessToken(try accessToken(with: .rs256), requiredScopes: ["memberships"])
        #expect(token.clientID == Self.client)
        #expect(token.scopes == ["openid", "memberships", "business:0123436"])
        #expect(try token.business() == Business(customerNumber: "0123436", name: "Pantbutiken", role: .admin))
        await refusal(.scope) { _ = try await verifier.verifyAccessToken(try accessToken(), requiredScopes: ["memberships:manage"]) }
    }

    @Test func algNoneInAnyCaseIsRefusedBeforeAnyKey() async throws {
        for none in ["none", "None", "NONE", "nOnE"] {
            let unsigned = TestKeys.part(["alg": none, "kid": keys.esKid, "typ": "JWT"]) + "." + TestKeys.part(idClaims()) + "."
            await refusal(.algorithm) { _ = try await verifier.verifyIDToken(unsigned, nonce: "n-123") }
            let access = TestKeys.part(["alg": none, "kid": keys.esKid, "typ": "at+jwt"]) + "." + TestKeys.part(accessClaims()) + "."
            await refusal(.algorithm) { _ = try await verifier.verifyAccessToken(access) }
        }
        #expect(await portvakt.jwksFetches == 0)
    }

    @Test func hs256SignedWithThePublicKeyIsRefused() async throws {
        // The classic confusion: the attacker HMACs with the public key, hoping it is taken as a shared secret.
        for publicKey in [keys.rsa.publicKey.pemRepresentation, String(decoding: keys.jwks, as: UTF8.self)] {
            let input = TestKeys.part(["alg": "HS256", "kid": keys.rsKid, "typ": "at+jwt"]) + "." + TestKeys.part(accessClaims())
            let mac = HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: SymmetricKey(data: Data(publicKey.utf8)))
            await refusal(.algorithm) { _ = try await verifier.verifyAccessToken(input + "." + Base64URL.encode(mac)) }
        }
    }

    @Test func anAlgorithmOffTheAllowListOrNotTheKeysIsRefused() async throws {
        var narrow = verifier
        narrow.algorithms = [.rs256]
        await refusal(.algorithm) { _ = try await narrow.verifyIDToken(try keys.sign(idClaims(), with: .es256), nonce: "n-123") }
        // An ES256 signature presented as EdDSA under the ES256 key's kid.
        let claims = TestKeys.part(idClaims())
        let input = TestKeys.part(["alg": "EdDSA", "kid": keys.esKid]) + "." + claims
        let signature = try keys.es256.signature(for: Data(input.utf8)).rawRepresentation
        await refusal(.algorithm) { _ = try await verifier.verifyIDToken(input + "." + Base64URL.encode(signature), nonce: "n-123") }
    }

    @Test func aForeignKeyUnderAKnownKidIsRefused() async throws {
        let foreign = try TestKeys()
        await refusal(.signature) { _ = try await verifier.verifyIDToken(try foreign.sign(idClaims()), nonce: "n-123") }
        await refusal(.signature) { _ = try await verifier.verifyIDToken(try foreign.sign(idClaims(), with: .rs256), nonce: "n-123") }
        // A changed payload under a genuine signature.
        let genuine = try keys.sign(idClaims()).split(separator: ".")
        let forged = "\(genuine[0]).\(TestKeys.part(idClaims(["sub": "account-2"]))).\(genuine[2])"
        await refusal(.signature) { _ = try await verifier.verifyIDToken(forged, nonce: "n-123") }
    }

    @Test func wrongIssuerAudienceAzpAndNonceAreRefused() async throws {
        await refusal(.issuer) { _ = try await verifier.verifyIDToken(try keys.sign(idClaims(["iss": "https://evil.example"])), nonce: "n-123") }
        await refusal(.audience) { _ = try await verifier.verifyIDToken(try keys.sign(idClaims(["aud": "another-app"])), nonce: "n-123") }
        await refusal(.authorizedParty) {
            _ = try await verifier.verifyIDToken(try keys.sign(idClaims(["aud": [Self.client, "other"], "azp": "other"])), nonce: "n-123")
        }
        var noAzp = idClaims(["aud": [Self.client, "other"]])
        noAzp["azp"] = nil
        await refusal(.authorizedParty) { _ = try await verifier.verifyIDToken(try keys.sign(noAzp), nonce: "n-123") }
        await refusal(.nonce) { _ = try await verifier.verifyIDToken(try keys.sign(idClaims()), nonce: "another") }
        await refusal(.issuer) { _ = try await verifier.verifyAccessToken(try accessToken(["iss": "https://evil.example"])) }
        await refusal(.audience) { _ = try await verifier.verifyAccessToken(try accessToken(["aud": "https://api.elsewhere.example"])) }
        await refusal(.clientID) {
            var strict = verifier
            strict.acceptedClients = ["another-app"]
            _ = try await strict.verifyAccessToken(try accessToken())
        }
    }

    @Test func expiryAndIssueTimeHaveASmallLeeway() async throws {
        let token = try keys.sign(idClaims(["exp": now - 10]))
        _ = try await verifier.verifyIDToken(token, nonce: "n-123")
        await refusal(.expired) { _ = try await verifier.verifyIDToken(try keys.sign(idClaims(["exp": now - 31])), nonce: "n-123") }
        await refusal(.expired) { _ = try await verifier.verifyAccessToken(try accessToken(["exp": now - 60])) }
        await refusal(.notYetValid) { _ = try await verifier.verifyIDToken(try keys.sign(idClaims(["iat": now + 120])), nonce: "n-123") }
        await refusal(.malformed) {
            var claims = idClaims()
            claims["exp"] = nil
            _ = try await verifier.verifyIDToken(try keys.sign(claims), nonce: "n-123")
        }
    }

    @Test func anIDTokenIsNoAccessTokenAndTheReverse() async throws {
        let idToken = try keys.sign(idClaims())
        await refusal(.type) { _ = try await verifier.verifyAccessToken(idToken) }
        await refusal(.type) { _ = try await verifier.verifyIDToken(try accessToken(), nonce: nil) }
        // Without typ, an access token is refused, whatever its claims.
        await refusal(.type) { _ = try await verifier.verifyAccessToken(try keys.sign(accessClaims(), header: ["alg": "ES256", "kid": keys.esKid])) }
        await refusal(.type) {
            _ = try await verifier.verifyIDToken(try keys.sign(idClaims(), header: ["alg": "ES256", "kid": keys.esKid, "typ": "logout+jwt"]), nonce: nil)
        }
        // application/at+jwt is the same type (RFC 7515 §4.1.9).
        _ = try await verifier.verifyAccessToken(try keys.sign(accessClaims(), header: ["alg": "ES256", "kid": keys.esKid, "typ": "application/at+jwt"]))
    }

    @Test func atHashMustMatchTheAccessTokenBesideIt() async throws {
        let access = try accessToken()
        let token = try keys.sign(idClaims(["at_hash": TokenVerifier.accessTokenHash(access, .es256)]))
        _ = try await verifier.verifyIDToken(token, nonce: "n-123", accessToken: access)
        await refusal(.accessTokenHash) { _ = try await verifier.verifyIDToken(token, nonce: "n-123", accessToken: try accessToken(["jti": "j2"])) }
    }

    @Test func malformedTokensAndClaimsAreRefusedAsSuch() async throws {
        for garbage in ["", "a.b", "a.b.c.d", "!!!.e30.", TestKeys.part(["alg": "ES256"]) + ".bm90IGpzb24." ] {
            await refusal(.malformed) { _ = try await verifier.verifyIDToken(garbage, nonce: nil) }
        }
        let odd = try keys.sign(idClaims(["memberships": [["customer_number": "1", "name": "X", "kind": "bank", "role": "admin"]]]))
        let token = try await verifier.verifyIDToken(odd, nonce: "n-123")
        #expect(throws: VerificationError.self) { try token.memberships() }
        await refusal(.unknownKey) { _ = try await verifier.verifyIDToken(try keys.sign(idClaims(), header: ["alg": "ES256"]), nonce: nil) }
    }
}
