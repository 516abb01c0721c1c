import Foundation
import Testing

@testable import PortvaktCore

/// The tokens' claims, lifetimes and headers, read back from the JWS without verifying: the signature is a
/// stand-in's, and signing itself is tested with the real keys in PortvaktCryptoTests.
@Suite struct TokenFactoryTests {
    struct StandInSigner: TokenSigner {
        var kid = "kid-1"
        var algorithm = SigningAlgorithm.es256
        func signature(for signingInput: [UInt8]) throws -> [UInt8] { [1, 2, 3] }
    }

    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    let factory = TokenFactory(issuer: "https://login.example.se", idTokenLifetime: 300, accessTokenLifetime: 600)
    let anna = UserProfile(
        subject: "acc-1", givenName: "Anna", familyName: "Svensson", email: "anna@example.se", emailVerified: true, locale: "sv",
        personalNumber: "190001019876")
    let business: [String: JSONValue] = [
        "memberships": .array([.object(["customer_number": .string("0123436")])]), "business": .object(["customer_number": .string("0123436")]),
    ]

    func grant(scopes: [String] = ["openid", "profile", "email", "ssn", "memberships", "business:0123436"], idTokenClaims: [String] = [])
        -> GrantContext
    {
        GrantContext(
            grantID: "grant-1", clientID: "portal", subject: "acc-1", scopes: scopes, authTime: Self.now.addingTimeInterval(-30), acr: "urn:bankid",
            amr: ["bankid"], sid: "sid-1", nonce: "n-1", idTokenClaims: idTokenClaims)
    }

    func segment(_ token: String, _ index: Int) throws -> [String: JSONValue] {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        #expect(parts.count == 3)
        let bytes = try #require(Base64URL.decode(String(parts[index])))
        return try JSONDecoder().decode([String: JSONValue].self, from: Data(bytes))
    }

    @Test func anAccessTokenIsAnRFC9068JWTWithTheBusinessClaims() throws {
        let token = try factory.accessToken(
            grant(), jti: "jti-1", now: Self.now, signer: StandInSigner(), claimValues: business.merging(anna.claimValues) { $1 })
        #expect(try segment(token, 0) == ["alg": .string("ES256"), "kid": .string("kid-1"), "typ": .string("at+jwt")])
        #expect(try segment(token, 1) == [
            "iss": .string("https://login.example.se"), "sub": .string("acc-1"), "aud": .string("https://login.example.se"),
            "client_id": .string("portal"), "scope": .string("openid profile email ssn memberships business:0123436"), "jti": .string("jti-1"),
            "grant_id": .string("grant-1"), "iat": .number(1_800_000_000), "exp": .number(1_800_000_600), "auth_time": .number(1_799_999_970),
            "acr": .string("urn:bankid"), "amr": .array([.string("bankid")]),
            "memberships": business["memberships"]!, "business": business["business"]!,
        ])
    }

    @Test func aClientCredentialsAccessTokenIsTheClientsOwn() throws {
        let context = GrantContext(grantID: nil, clientID: "machine", subject: nil, scopes: [])
        let claims = try segment(try factory.accessToken(context, jti: "jti-2", now: Self.now, signer: StandInSigner()), 1)
        #expect(claims["sub"] == .string("machine") && claims["scope"] == .string("") && claims["jti"] == .string("jti-2"))
        #expect(claims["auth_time"] == nil && claims["acr"] == nil && claims["amr"] == nil)
        #expect(claims["grant_id"] == nil, "no grant is stored for client_credentials: the token is revoked by its jti")
    }

    @Test func anAccessTokenCarriesOnlyTheBusinessClaimsItsScopesRelease() throws {
        let claims = try segment(
            try factory.accessToken(grant(scopes: ["openid", "profile"]), jti: "j", now: Self.now, signer: StandInSigner(), claimValues: business), 1)
        #expect(claims["memberships"] == nil && claims["business"] == nil && claims["name"] == nil)
    }

    @Test func anIDTokenCarriesTheSessionFactsAndTheMemberships() throws {
        let signer = StandInSigner(kid: "kid-9", algorithm: .rs256)
        let token = try factory.idToken(
            grant(), profile: anna, accessToken: "the-access-token", now: Self.now, signer: signer, claimValues: business)
        #expect(try segment(token, 0) == ["alg": .string("RS256"), "kid": .string("kid-9"), "typ": .string("JWT")])
        #expect(try segment(token, 1) == [
            "iss": .string("https://login.example.se"), "sub": .string("acc-1"), "aud": .string("portal"), "azp": .string("portal"),
            "iat": .number(1_800_000_000), "exp": .number(1_800_000_300), "auth_time": .number(1_799_999_970), "nonce": .string("n-1"),
            "acr": .string("urn:bankid"), "amr": .array([.string("bankid")]), "sid": .string("sid-1"),
            "at_hash": .string(AccessTokenHash.compute(accessToken: "the-access-token", algorithm: .rs256)),
            "memberships": business["memberships"]!,
        ], "profile, email and ssn are userinfo's; the business acted for is the access token's")
    }

    @Test func anIDTokenCarriesStandardClaimsAskedForByName() throws {
        let token = try factory.idToken(
            grant(scopes: ["openid", "profile", "email"], idTokenClaims: ["email", "email_verified", "given_name", "ssn", "memberships"]), profile: anna,
            accessToken: nil, now: Self.now, signer: StandInSigner(), claimValues: business)
        let claims = try segment(token, 1)
        #expect(claims["email"] == .string("anna@example.se") && claims["email_verified"] == .bool(true) && claims["given_name"] == .string("Anna"))
        #expect(claims["ssn"] == nil && claims["memberships"] == nil && claims["name"] == nil)
        #expect(claims["at_hash"] == nil, "no access token beside it")
    }

    @Test func withoutSessionFactsTheirClaimsAreLeftOut() throws {
        let bare = GrantContext(grantID: "g", clientID: "portal", subject: "acc-1", scopes: ["openid"])
        let claims = try segment(try factory.idToken(bare, profile: anna, accessToken: nil, now: Self.now, signer: StandInSigner()), 1)
        #expect(Set(claims.keys) == ["iss", "sub", "aud", "azp", "iat", "exp"])
    }

    /// OpenID Connect Core §3.1.3.6; the RS256 value is the specification's own example (Appendix A.3).
    @Test func atHashIsTheLeftHalfOfTheAlgorithmsHash() {
        #expect(AccessTokenHash.compute(accessToken: "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y", algorithm: .rs256) == "77QmUPtjPfzWtF2AnpK9RQ")
        #expect(AccessTokenHash.compute(accessToken: "x", algorithm: .es256) == AccessTokenHash.compute(accessToken: "x", algorithm: .rs256))
        let eddsa = AccessTokenHash.compute(accessToken: "x", algorithm: .eddsa)
        #expect(Base64URL.decode(eddsa)?.count == 32, "half of SHA-512")
        #expect(Base64URL.decode(AccessTokenHash.compute(accessToken: "x", algorithm: .rs256))?.count == 16, "half of SHA-256")
    }

    @Test func aLogoutTokenHasTheEventSidAndSubAndNoNonce() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let token = try LogoutToken.make(issuer: "https://id.example.se", clientID: "portal", subject: "acc-1", sid: "s1", jti: "j1", now: now,
                                         signer: StandInSigner())
        #expect(try segment(token, 0)["typ"] == .string("logout+jwt"))
        let claims = try segment(token, 1)
        #expect(claims["iss"] == .string("https://id.example.se") && claims["aud"] == .string("portal"))
        #expect(claims["sub"] == .string("acc-1") && claims["sid"] == .string("s1") && claims["jti"] == .string("j1"))
        #expect(claims["events"] == .object([LogoutToken.event: .object([:])]))
        #expect(claims["iat"] == .number(1_800_000_000) && claims["exp"] == .number(1_800_000_120))
        #expect(claims["nonce"] == nil, "§2.4: a logout token never carries a nonce")
        let withoutSession = try LogoutToken.make(issuer: "i", clientID: "c", subject: "acc-1", sid: nil, jti: "j2", now: now, signer: StandInSigner())
        #expect(try segment(withoutSession, 1)["sid"] == nil)
    }
}
