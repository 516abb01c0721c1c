import Foundation
import HTTPTypes
import PortvaktCore
import PortvaktCrypto
import PortvaktServer
import PortvaktStore
import Testing

@Suite struct PasswordResetTests {
    @Test func aResetEndsEverySessionAndRefreshTokenAndTheNewPasswordWorks() async throws {
        try await OIDCHarness.run { h in
            let account = try await h.passwordAccount(email: "karin@kiosken.se")
            // A session elsewhere with a refresh token at the portal.
            let other = try await h.login(account.id)
            let code = try await h.code(cookie: other, ["scope": "openid offline_access"])
            let refresh = try #require(try await h.exchange(code).json["refresh_token"] as? String)
            h.jar.clear()

            let page = try await h.get(AccountRoutes.reset)
            #expect(page.body.contains("Glömt lösenordet"))
            let codePage = try await h.submit(page, action: AccountRoutes.reset, ["email": "karin@kiosken.se"])
            #expect(codePage.body.contains("Om det finns ett konto med adressen karin@kiosken.se"))
            let resetCode = try await h.code(mailedTo: "karin@kiosken.se")
            #expect(codePage.posted == .seeOther, "post/redirect/get")
            let newPage = try await h.submit(codePage, action: AccountRoutes.resetCode, ["code": resetCode])
            #expect(newPage.posted == .seeOther)
            #expect(newPage.body.contains(#"autocomplete="new-password""#))
            let tooShort = try await h.submit(newPage, action: AccountRoutes.resetPassword, ["password": "kort"])
            #expect(tooShort.status == .badRequest && tooShort.body.contains("minst 12 tecken"))
            let done = try await h.submit(newPage, action: AccountRoutes.resetPassword, ["password": "ett helt nytt lösenord 7"])
            #expect(done.status == .ok && done.posted == .seeOther && done.body.contains("Lösenordet är bytt"), "post/redirect/get")

            let sessions = try await h.services.store.activeSessions(accountID: account.id, now: h.clock.now, idleTimeout: 3600)
            #expect(sessions.isEmpty)
            let refused = try await h.post("/token", form: ["grant_type": "refresh_token", "refresh_token": refresh], headers: h.basicAuth)
            #expect(refused.status == .badRequest && refused.json["error"] as? String == "invalid_grant")
            #expect(try await h.mails(to: "karin@kiosken.se").contains { $0.subject == "Ditt lösenord till Mina sidor är bytt" })

            let old = try await h.passwordStep(nil, email: "karin@kiosken.se")
            #expect(old.status == .badRequest)
            let new = try await h.passwordStep(nil, email: "karin@kiosken.se", password: "ett helt nytt lösenord 7")
            #expect(new.status == .ok && new.body.contains("Verifieringskod"))
            let events = try await h.services.store.auditEvents(limit: 50, before: nil).map(\.action)
            #expect(events.contains("password.reset"))
        }
    }

    @Test func anUnknownAddressGetsTheSamePagesAndNoMail() async throws {
        try await OIDCHarness.run { h in
            _ = try await h.passwordAccount(email: "karin@kiosken.se")
            let page = try await h.get(AccountRoutes.reset)
            let known = try await h.submit(page, action: AccountRoutes.reset, ["email": "karin@kiosken.se"])
            let unknown = try await h.submit(page, action: AccountRoutes.reset, ["email": "ingen@kiosken.se"])
            func shape(_ body: String, _ email: String) -> String {
                body.replacingOccurrences(of: email, with: "ADDRESS").replacing(try! Regex(#"value="[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+""#), with: "TICKET")
            }
            #expect(known.status == unknown.status)
            #expect(shape(known.body, "karin@kiosken.se") == shape(unknown.body, "ingen@kiosken.se"))
            #expect(try await h.mails(to: "ingen@kiosken.se").isEmpty)
            let guess = try await h.submit(unknown, action: AccountRoutes.resetCode, ["code": "123456"])
            #expect(guess.body.contains("Koden stämmer inte. Du har 4 försök kvar."))
        }
    }
}
