import Foundation
import Testing

@testable import PortvaktCore

/// The claims policy: which claims each scope releases and where each goes (OpenID Connect Core §5.4, §5.5).
@Suite struct ClaimsPolicyTests {
    let policy = ClaimsPolicy.standard
    static let everyScope = ["openid", "profile", "email", "ssn", "memberships", "business:0123436", "offline_access"]

    @Test func eachScopeReleasesItsClaims() {
        #expect(policy.claims(ofScope: "openid") == ["sub"])
        #expect(policy.claims(ofScope: "profile") == ["name", "given_name", "family_name", "locale"])
        #expect(policy.claims(ofScope: "email") == ["email", "email_verified"])
        #expect(policy.claims(ofScope: "ssn") == ["ssn"])
        #expect(policy.claims(ofScope: "memberships") == ["memberships"])
        #expect(policy.claims(ofScope: BusinessScope.namedPattern) == ["business"])
        #expect(policy.claims(ofScope: "offline_access").isEmpty && policy.claims(ofScope: "memberships:manage").isEmpty)
    }

    @Test(arguments: [
        (ClaimsPolicy.Audience.idToken, ["sub", "memberships"]),
        (.accessToken, ["sub", "memberships", "business"]),
        (.userinfo, ["sub", "name", "given_name", "family_name", "locale", "email", "email_verified", "ssn", "memberships"]),
    ] as [(ClaimsPolicy.Audience, [String])])
    func everyScopeGranted(_ audience: ClaimsPolicy.Audience, claims: [String]) {
        #expect(policy.names(for: audience, scopes: Self.everyScope) == Set(claims))
    }

    @Test(arguments: [
        (["openid"], ["sub"]),
        (["openid", "profile"], ["sub", "name", "given_name", "family_name", "locale"]),
        (["openid", "email"], ["sub", "email", "email_verified"]),
        (["openid", "ssn"], ["sub", "ssn"]),
        (["openid", "memberships"], ["sub", "memberships"]),
        (["openid", "business:0123436"], ["sub"]),
        (["profile"], ["name", "given_name", "family_name", "locale"]),
    ] as [([String], [String])])
    func userinfoByScope(_ scopes: [String], claims: [String]) {
        #expect(policy.names(for: .userinfo, scopes: scopes) == Set(claims))
    }

    @Test func theBusinessActedForIsInTheAccessTokenOnlyAndOnlyForANamedBusiness() {
        #expect(policy.names(for: .accessToken, scopes: ["openid", "business:0123436"]) == ["sub", "business"])
        #expect(policy.names(for: .accessToken, scopes: ["openid", "business"]) == ["sub"], "business is narrowed before tokens")
        #expect(policy.names(for: .accessToken, scopes: ["openid", "business:12"]) == ["sub"], "not a customer number")
        #expect(!policy.names(for: .idToken, scopes: ["openid", "business:0123436"]).contains("business"))
        #expect(!policy.names(for: .userinfo, scopes: ["openid", "business:0123436"]).contains("business"))
    }

    @Test func theIDTokenCarriesScopeClaimsOnlyWhenAskedForByName() {
        #expect(policy.names(for: .idToken, scopes: ["openid", "profile", "email"]) == ["sub"])
        #expect(policy.names(for: .idToken, scopes: ["openid", "profile", "email"], requested: ["email", "name", "locale"])
            == ["sub", "email", "name", "locale"])
    }

    @Test func byNameAddsStandardClaimsButNeverTheSensitiveOrBusinessOnes() {
        let requested = ["given_name", "email_verified", "ssn", "memberships", "business", "unknown"]
        let scopes = ["openid", "profile", "email"]
        #expect(policy.names(for: .idToken, scopes: scopes, requested: requested) == ["sub", "given_name", "email_verified"])
        #expect(policy.names(for: .userinfo, scopes: scopes, requested: requested) == ["sub", "given_name", "family_name", "locale", "name", "email", "email_verified"])
        #expect(policy.names(for: .accessToken, scopes: scopes, requested: requested) == ["sub"])
    }

    /// The `claims` parameter is no way around scopes and consent: a claim asked for by name whose scope was not
    /// granted is left out, in every audience.
    @Test func byNameReleasesNothingWhoseScopeIsNotGranted() {
        let requested = ["email", "email_verified", "name", "given_name", "family_name", "locale", "ssn", "memberships"]
        for audience in ClaimsPolicy.Audience.allCases {
            #expect(policy.names(for: audience, scopes: ["openid"], requested: requested) == ["sub"], "\(audience)")
        }
        #expect(policy.names(for: .idToken, scopes: ["openid", "email"], requested: requested) == ["sub", "email", "email_verified"])
        #expect(policy.names(for: .userinfo, scopes: ["openid", "profile"], requested: ["email"]) == ["sub", "name", "given_name", "family_name", "locale"])
    }

    @Test func theStoreIsAskedOnlyWhenABusinessClaimIsReleased() {
        let business: Set<String> = ["memberships", "business"]
        #expect(!policy.releasesAny(of: business, scopes: ["openid", "profile", "email", "ssn"]))
        #expect(!policy.releasesAny(of: business, scopes: ["openid", "business"]))
        #expect(policy.releasesAny(of: business, scopes: ["openid", "memberships"]))
        #expect(policy.releasesAny(of: business, scopes: ["business:0123436"]))
    }

    @Test func claimsAreTakenFromTheValuesAndAClaimWithoutAValueIsLeftOut() {
        let values: [String: JSONValue] = ["sub": .string("acc-1"), "email": .string("anna@example.se"), "memberships": .array([])]
        let claims = policy.claims(for: .userinfo, scopes: ["openid", "profile", "email", "memberships"], from: values)
        #expect(claims.values == values)
        #expect(policy.claims(for: .idToken, scopes: ["openid", "email"], from: values).values == ["sub": .string("acc-1")])
    }

    @Test func theProfileGivesTheValuesOfTheStandardClaims() {
        let anna = UserProfile(
            subject: "acc-1", givenName: "Anna", familyName: "Svensson", email: "anna@example.se", emailVerified: false, locale: "sv",
            personalNumber: "190001019876")
        #expect(anna.claimValues == [
            "sub": .string("acc-1"), "name": .string("Anna Svensson"), "given_name": .string("Anna"), "family_name": .string("Svensson"),
            "locale": .string("sv"), "email": .string("anna@example.se"), "email_verified": .bool(false), "ssn": .string("190001019876"),
        ])
        let bare = UserProfile(subject: "acc-2", givenName: nil, familyName: "", email: nil, emailVerified: true, locale: nil)
        #expect(bare.claimValues == ["sub": .string("acc-2"), "family_name": .string("")], "no name from empty parts, no email_verified")
    }

    @Test func discoveryListsEveryClaimOfThePolicy() {
        #expect(policy.claimNames == [
            "sub", "name", "given_name", "family_name", "locale", "email", "email_verified", "ssn", "memberships", "business",
        ])
    }
}
