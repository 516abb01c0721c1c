import Foundation
import HTTPTypes
import PortvaktCore
import PortvaktServer
import PortvaktStore
import Testing

/// Pages that need a login send a logged-out browser to log in with their own address as the return target, and
/// the browser lands there afterwards; the target is a path of this server, bound to the browser.
@Suite struct ReturnToTests {
    /// Logs in with e-mail, password and code from `login` (the login page a return target led to).
    func logIn(_ h: OIDCHarness, from login: OIDCHarness.Answer, email: String) async throws -> OIDCHarness.Answer {
        let loginPage = try await h.get(try #require(login.location))
        let passwordHref = try #require(loginPage.body.firstMatch(of: try Regex(#"href="(/login/password\?[^"]+)""#))?.output[1].substring)
        let passwordPage = try await h.get(OIDCHarness.unescape(String(passwordHref)))
        let codePage = try await h.submit(passwordPage, action: AccountRoutes.passwordLogin, ["email": email, "password": OIDCHarness.password])
        return try await h.submit(codePage, action: AccountRoutes.passwordLoginCode, ["code": try await h.code(mailedTo: email)])
    }

    @Test func aDeepLinkSurvivesLogin() async throws {
        try await OIDCHarness.run { h in
            _ = try await h.passwordAccount(email: "karin@kiosken.se")
            let deep = BusinessRoutes.list + "?lang=en"
            let login = try await h.get(deep)
            #expect(login.status == .found)
            let location = try #require(login.location)
            #expect(location.hasPrefix(PendingRoutes.login + "?return="))
            let done = try await logIn(h, from: login, email: "karin@kiosken.se")
            #expect(done.status == .seeOther && done.location == deep)
            let page = try await h.get(deep)
            #expect(page.status == .ok && page.body.contains("<html lang=\"en\">"))
        }
    }

    @Test func aReturnTargetOfAnotherBrowserOrChangedByHandIsIgnored() async throws {
        try await OIDCHarness.run { h in
            _ = try await h.passwordAccount(email: "karin@kiosken.se")
            // Another browser's target: the login works and ends on the account page.
            let foreign = try #require(try await h.get(BusinessRoutes.list).location)
            h.jar.clear()
            let stolen = OIDCHarness.Answer(status: .found, headers: [.location: foreign], body: "")
            let done = try await logIn(h, from: stolen, email: "karin@kiosken.se")
            #expect(done.status == .seeOther && done.location == AccountRoutes.account)
            // This browser's ticket with its path changed: ignored too (a minute later, so a new code may be sent).
            h.jar.clear()
            h.clock.advance(60)
            let own = try #require(try await h.get(BusinessRoutes.list).location)
            let ticket = try #require(URLComponents(string: own)?.queryItems?.first { $0.name == "return" }?.value)
            let parts = ticket.split(separator: ".")
            let forged = Base64URL.encode(Array("//evil.example".utf8)) + "." + parts[1]
            let changed = OIDCHarness.Answer(status: .found, headers: [.location: PendingRoutes.login + "?return=" + forged], body: "")
            let again = try await logIn(h, from: changed, email: "karin@kiosken.se")
            #expect(again.location == AccountRoutes.account)
        }
    }

    @Test func theLanguageSwitchKeepsTheChoiceAndGoesBackOnlyToThisServer() async throws {
        try await OIDCHarness.run { h in
            let switched = try await h.get("/language?lang=en&back=%2Flogin%3Fx%3D1")
            #expect(switched.status == .seeOther && switched.location == "/login?x=1")
            #expect(switched.headers[.setCookie]?.contains("portvakt-lang=en") == true)
            // The choice outranks the browser's Accept-Language and the relying party's ui_locales.
            let page = try await h.get(PendingRoutes.login, headers: [.acceptLanguage: "sv"])
            #expect(page.body.contains("<html lang=\"en\">"))
            let pending = try #require(try await h.authorize(["ui_locales": "sv"], cookie: nil).location)
            #expect(try await h.get(pending).body.contains("<html lang=\"en\">"))
            for back in ["https://evil.example/", "//evil.example", "/%2F%2Fevil.example", "/\\evil.example"] {
                var components = URLComponents()
                components.queryItems = [URLQueryItem(name: "lang", value: "sv"), URLQueryItem(name: "back", value: back)]
                let answer = try await h.get("/language" + (components.string ?? ""))
                #expect(answer.location == PendingRoutes.login, "\(back)")
            }
            // Every page has the switch, error pages included.
            let expired = try await h.get(PendingRoutes.consent + "?request=gone")
            #expect(expired.status == .badRequest && expired.body.contains("href=\"/login?lang="))
        }
    }
}
