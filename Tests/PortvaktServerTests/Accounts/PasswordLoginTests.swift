import Foundation
import HTTPTypes
import PortvaktCore
import PortvaktCrypto
import PortvaktServer
import PortvaktStore
import Testing

@Suite struct PasswordLoginTests {
    @Test func passwordThenMailedCodeLogsInWithMfaAndTheRelyingPartyGetsTokens() async throws {
        try await OIDCHarness.run { h in
            let account = try await h.passwordAccount(email: "karin@kiosken.se")
            let pendingID = try await h.pendingRequest(["login_hint": "karin@kiosken.se"])
            let page = try await h.get("\(AccountRoutes.passwordLogin)?request=\(pendingID)")
            #expect(page.body.contains(#"value="karin@kiosken.se""#), "login_hint fills in the address")
            let codePage = try await h.submit(page, action: AccountRoutes.passwordLogin, ["email": "Karin@Kiosken.se", "password": OIDCHarness.password])
            #expect(codePage.status == .ok && codePage.body.contains("Verifieringskod"))
            let code = try await h.code(mailedTo: "karin@kiosken.se")
            let done = try await h.submit(codePage, action: AccountRoutes.passwordLoginCode, ["code": code])
            let tokens = try await h.exchange(try await h.followToCode(done)).json
            let id = try await h.verify(try #require(tokens["id_token"] as? String), as: IDTokenClaims.self)
            #expect(id.sub.value == account.id && id.amr == ["pwd", "otp", "mfa"] && id.acr == "urn:portvakt:acr:password-otp")
            // The request completed and the code was spent: the same form logs nobody in again.
            let again = try await h.submit(codePage, action: AccountRoutes.passwordLoginCode, ["code": code])
            #expect(again.status == .badRequest && again.headers[.setCookie] == nil)
        }
    }

    @Test func anUnknownAddressAndAWrongPasswordLookTheSame() async throws {
        try await OIDCHarness.run { h in
            _ = try await h.passwordAccount(email: "karin@kiosken.se")
            let wrongPassword = try await h.passwordStep(nil, email: "karin@kiosken.se", password: "fel lösenord helt enkelt")
            let unknown = try await h.passwordStep(nil, email: "okand@kiosken.se", password: "fel lösenord helt enkelt")
            #expect(wrongPassword.status == .badRequest && unknown.status == .badRequest)
            #expect(wrongPassword.body.contains("Fel e-postadress eller lösenord."))
            #expect(wrongPassword.body.replacingOccurrences(of: "karin@kiosken.se", with: "X")
                == unknown.body.replacingOccurrences(of: "okand@kiosken.se", with: "X"))
            #expect(wrongPassword.headers[values: .setCookie] == unknown.headers[values: .setCookie])
            #expect(try await h.mails(to: "karin@kiosken.se").isEmpty, "no code before the password is right")
        }
    }

    @Test func repeatedFailuresMakeTheNextTryWaitAndAHundredLockTheAccountAndTellTheOwner() async throws {
        try await OIDCHarness.run { h in
            let account = try await h.passwordAccount(email: "karin@kiosken.se")
            for _ in 0..<5 {
                let answer = try await h.passwordStep(nil, email: "karin@kiosken.se", password: "fel lösenord helt enkelt")
                #expect(answer.status == .badRequest)
            }
            let waiting = try await h.passwordStep(nil, email: "karin@kiosken.se")
            #expect(waiting.status == .tooManyRequests && waiting.body.contains("För många försök. Vänta 1 sekunder"))
            h.clock.advance(2)
            // Failures so far stay in the store (every node sees them), the refused try included: 93 more make 99.
            for _ in 0..<93 { try await h.services.store.recordFailure(key: "account:karin@kiosken.se", at: h.clock.now) }
            h.clock.advance(900)
            let hundredth = try await h.passwordStep(nil, email: "karin@kiosken.se", password: "fel lösenord helt enkelt")
            #expect(hundredth.status == .badRequest)
            let mail = try #require(try await h.mails(to: "karin@kiosken.se").first)
            #expect(mail.subject == "Ditt konto på Mina sidor är tillfälligt låst")
            let locked = try await h.passwordStep(nil, email: "karin@kiosken.se")
            #expect(locked.status == .tooManyRequests && locked.body.contains("Kontot är tillfälligt låst"), "even the right password")
            let events = try await h.services.store.auditEvents(limit: 200, before: nil)
            #expect(events.contains { $0.action == "login.locked" && $0.target == account.id })
            #expect(events.filter { $0.action == "login.failed" }.count == 7)
            #expect(try await h.mails(to: "karin@kiosken.se").count == 1, "the owner is told once")
        }
    }

    @Test func aWeakerStoredHashIsRehashedAtTheNextLogin() async throws {
        try await OIDCHarness.run { h in
            let weak = PasswordHasher(parameters: .init(memory: 4096, iterations: 1, parallelism: 1))
            let account = try await h.passwordAccount(email: "karin@kiosken.se", hasher: weak)
            let codePage = try await h.passwordStep(nil, email: "karin@kiosken.se")
            #expect(codePage.status == .ok)
            let hash = try #require(try await h.services.store.passwordHash(accountID: account.id))
            #expect(hash.hasPrefix("$argon2id$v=19$m=19456,t=2,p=1$") && PasswordHasher().verify(OIDCHarness.password, against: hash))
        }
    }

    @Test func withoutAWaitingAppTheLoginEndsOnTheAccountPage() async throws {
        try await OIDCHarness.run { h in
            _ = try await h.passwordAccount(email: "karin@kiosken.se")
            let toLogin = try await h.get(AccountRoutes.account)
            #expect(toLogin.status == .found && toLogin.location?.hasPrefix("/login?return=") == true, "the page asks for a login and comes back")
            let methods = try await h.get("/login")
            #expect(methods.body.contains("\(AccountRoutes.passwordLogin)?lang=sv"))
            let codePage = try await h.passwordStep(nil, email: "karin@kiosken.se")
            let done = try await h.submit(codePage, action: AccountRoutes.passwordLoginCode, ["code": try await h.code(mailedTo: "karin@kiosken.se")])
            #expect(done.status == .seeOther && done.location == AccountRoutes.account)
            let account = try await h.get(AccountRoutes.account)
            #expect(account.status == .ok && account.body.contains("Mitt konto") && account.body.contains("Karin"))
        }
    }
}
