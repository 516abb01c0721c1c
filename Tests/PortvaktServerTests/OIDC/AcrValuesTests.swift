import Foundation
import HTTPTypes
import PortvaktCore
import PortvaktServer
import Testing

/// `acr_values` that only one login method produces go straight to it, and over a session with another `acr`
/// they ask for that login again (step-up) instead of answering with the old session's `acr`.
@Suite struct AcrValuesTests {
    func run(_ body: @Sendable (OIDCHarness) async throws -> Void) async throws {
        try await OIDCHarness.run(loginMethods: { _ in [ImmediateLoginMethod()] }) { h in try await body(h) }
    }

    @Test func acrValuesOfOneMethodSkipTheChoice() async throws {
        try await run { h in
            let location = try #require(try await h.authorize(["acr_values": "urn:portvakt:acr:test"], cookie: nil).location)
            let login = try await h.get(location)
            #expect(login.status == .found && login.location?.hasPrefix("/login/test?request=") == true, "\(login.location ?? login.body)")
            // Values no method produces are voluntary: the choice stays.
            let other = try #require(try await h.authorize(["acr_values": "urn:example:unknown"], cookie: nil).location)
            #expect(try await h.get(other).status == .ok)
        }
    }

    @Test func aSessionWithAnotherAcrIsAskedToLogInAgain() async throws {
        try await run { h in
            let cookie = try await h.login()  // a session with acr urn:portvakt:acr:mfa
            let plain = try await h.authorize([:], cookie: cookie)
            #expect(plain.redirectParameters["code"] != nil, "without acr_values the session is enough")
            let stepUp = try await h.authorize(["acr_values": "urn:portvakt:acr:test"], cookie: cookie)
            #expect(stepUp.redirectParameters["code"] == nil && stepUp.location?.hasPrefix(PendingRoutes.login + "?request=") == true)
            let silent = try await h.authorize(["acr_values": "urn:portvakt:acr:test", "prompt": "none"], cookie: cookie)
            #expect(silent.redirectParameters["error"] == "login_required")
            let voluntary = try await h.authorize(["acr_values": "urn:example:unknown"], cookie: cookie)
            #expect(voluntary.redirectParameters["code"] != nil, "a value no method produces does not ask for a new login")
        }
    }
}

@Suite struct AcrStepUpAfterFreshLoginTests {
    @Test func aFreshLoginWithAnotherMethodDoesNotSatisfyTheRequestedAcr() async throws {
        try await OIDCHarness.run(loginMethods: { _ in [ImmediateLoginMethod()] }) { h in
            _ = try await h.passwordAccount(email: "karin@kiosken.se")
            let pendingID = try await h.pendingRequest(["acr_values": "urn:portvakt:acr:test"])
            // The password page opened by hand, though the app asked for the test method.
            let codePage = try await h.passwordStep(pendingID, email: "karin@kiosken.se")
            let done = try await h.submit(codePage, action: AccountRoutes.passwordLoginCode, ["code": try await h.code(mailedTo: "karin@kiosken.se")])
            let resumed = try await h.get(try #require(done.location))
            #expect(resumed.redirectParameters["code"] == nil && resumed.location?.hasPrefix(PendingRoutes.login) == true,
                    "\(resumed.location ?? resumed.body)")
        }
    }
}
