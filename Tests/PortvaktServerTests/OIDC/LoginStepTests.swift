import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortvaktCore
import PortvaktServer
import PortvaktStore
import Testing

/// A login method for tests: `/login/test?request=ID&account=ACC` logs ACC in at once. It exists only in this
/// test target, registered like any real method; the server itself has no such route.
struct ImmediateLoginMethod: LoginMethod {
    let id = "test"
    let startPath = "/login/test"
    let acrValues = ["urn:portvakt:acr:test"]

    func label(_ language: PageLanguage) -> String { language == .sv ? "Testinloggning" : "Test login" }

    func addRoutes(to group: RouterGroup<FlowRequestContext>, completion: LoginCompletion) {
        group.get(RouterPath(startPath)) { request, context in
            guard context.flow.pendingID != nil, let account = request.uri.queryParameters["account"].map(String.init)
            else { throw HTTPError(.badRequest) }
            return try await completion.complete(context.flow, accountID: account, acr: "urn:portvakt:acr:test", amr: ["test"], request: request)
        }
    }
}

@Suite struct LoginStepTests {
    func run(_ body: @Sendable (OIDCHarness, TestClock) async throws -> Void) async throws {
        try await OIDCHarness.run(loginMethods: { _ in [ImmediateLoginMethod()] }) { h in try await body(h, h.clock) }
    }

    @Test func theLoginPageListsEveryEnabledMethodAndDiscoveryItsAcr() async throws {
        try await run { h, _ in
            let location = try #require(try await h.authorize([:], cookie: nil).location)
            let page = try await h.get(location)
            #expect(page.body.contains("Testinloggning"))
            #expect(page.body.contains("/login/test?request="))
            let discovery = try await h.get(Endpoints.discovery).json
            #expect(discovery["acr_values_supported"] as? [String] == ["urn:portvakt:acr:password-otp", "urn:portvakt:acr:test"])
        }
    }

    @Test func aCompletedLoginStartsANewSessionAndTheRequestResumes() async throws {
        try await run { h, _ in
            let location = try #require(try await h.authorize([:], cookie: nil).location)
            let pendingID = String(location.dropFirst("/login?request=".count))
            let login = try await h.get("/login/test?request=\(pendingID)&account=\(OIDCHarness.accountID)")
            let cookieHeader = try #require(login.headers[.setCookie])
            #expect(cookieHeader.contains("HttpOnly") && cookieHeader.lowercased().contains("samesite=lax"))
            let cookie = try #require(cookieHeader.split(separator: ";").first.map(String.init))
            let resumed = try await h.get(try #require(login.location), cookie: cookie)
            let code = try #require(resumed.redirectParameters["code"])
            #expect(resumed.redirectParameters["state"] == "st-123")
            let idToken = try #require(try await h.exchange(code).json["id_token"] as? String)
            let id = try await h.verify(idToken, as: IDTokenClaims.self)
            #expect(id.acr == "urn:portvakt:acr:test" && id.amr == ["test"])
            let actions = try await h.services.store.auditEvents(limit: 5, before: nil).map(\.action)
            #expect(actions.contains("login.succeeded"))
        }
    }

    @Test func promptLoginMovesAuthTimeAndIssuesANewSessionID() async throws {
        try await run { h, clock in
            let cookie = try await h.login(authTime: clock.now)
            let firstToken = try #require(try await h.exchange(try await h.code(cookie: cookie)).json["id_token"] as? String)
            let firstID = try await h.verify(firstToken, as: IDTokenClaims.self)
            clock.advance(120)
            let location = try #require(try await h.authorize(["prompt": "login"], cookie: cookie).location)
            let pendingID = String(location.dropFirst("/login?request=".count))
            let login = try await h.get("/login/test?request=\(pendingID)&account=\(OIDCHarness.accountID)", cookie: cookie)
            let newCookie = try #require(login.headers[.setCookie]?.split(separator: ";").first.map(String.init))
            #expect(newCookie != cookie)
            let resumed = try await h.get(try #require(login.location), cookie: newCookie)
            let secondCode = try #require(resumed.redirectParameters["code"])
            let secondToken = try #require(try await h.exchange(secondCode).json["id_token"] as? String)
            let secondID = try await h.verify(secondToken, as: IDTokenClaims.self)
            #expect(secondID.auth_time! > firstID.auth_time!)
            #expect(secondID.sid != firstID.sid)
            // The old session was ended when the new one began.
            #expect(try await h.authorize(["prompt": "none"], cookie: cookie).redirectParameters["error"] == "login_required")
        }
    }

    @Test func anExpiredOrUnknownPendingRequestShowsAnErrorPage() async throws {
        try await run { h, clock in
            let location = try #require(try await h.authorize([:], cookie: nil).location)
            clock.advance(1801)
            let page = try await h.get(location)
            #expect(page.status == .badRequest)
            #expect(try await h.get("/authorize/resume?request=nonsense").status == .badRequest)
        }
    }
}
