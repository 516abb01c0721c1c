import Foundation
import HTTPTypes
import PortvaktCore
import PortvaktCrypto
@testable import PortvaktServer
import PortvaktStore
import Testing

@Suite struct AccountPageTests {
    /// Logs in through the pages and returns the account page.
    func loggedIn(_ h: OIDCHarness, _ email: String) async throws -> OIDCHarness.Answer {
        let codePage = try await h.passwordStep(nil, email: email)
        _ = try await h.submit(codePage, action: AccountRoutes.passwordLoginCode, ["code": try await h.code(mailedTo: email)])
        return try await h.get(AccountRoutes.account)
    }

    @Test func theNameChangesAndBadInputIsShownNextToTheField() async throws {
        try await OIDCHarness.run { h in
            let account = try await h.passwordAccount(email: "karin@kiosken.se")
            let page = try await loggedIn(h, "karin@kiosken.se")
            let refused = try await h.submit(page, action: AccountRoutes.accountName, ["given_name": "", "family_name": "Lund"])
            #expect(refused.status == .badRequest && refused.body.contains(#"id="given_name-error""#))
            let saved = try await h.submit(page, action: AccountRoutes.accountName, ["given_name": "Karin", "family_name": "Holm"])
            #expect(saved.status == .seeOther)
            #expect(try await h.services.store.account(id: account.id)?.familyName == "Holm")
            #expect(try await h.get(try #require(saved.location)).body.contains("Namnet är sparat."))
            let forged = try await h.post(AccountRoutes.accountName, form: ["given_name": "X", "family_name": "Y", "csrf": "nope"])
            let unchanged = try await h.services.store.account(id: account.id)
            #expect(forged.status == .badRequest && unchanged?.givenName == "Karin")
        }
    }

    @Test func changingThePasswordNeedsTheCurrentOneAndEndsOtherSessions() async throws {
        try await OIDCHarness.run { h in
            let account = try await h.passwordAccount(email: "karin@kiosken.se")
            _ = try await h.login(account.id)
            let page = try await loggedIn(h, "karin@kiosken.se")
            #expect(page.body.contains(#"autocomplete="current-password""#) && page.body.contains(#"autocomplete="new-password""#))
            let wrong = try await h.submit(page, action: AccountRoutes.accountPassword, ["current_password": "inte rätt alls nej", "new_password": "ett annat bra lösenord"])
            #expect(wrong.status == .badRequest && wrong.body.contains(#"id="current_password-error">Lösenordet stämmer inte."#))
            let changed = try await h.submit(page, action: AccountRoutes.accountPassword, ["current_password": OIDCHarness.password, "new_password": "ett annat bra lösenord"])
            #expect(changed.status == .seeOther)
            let sessions = try await h.services.store.activeSessions(accountID: account.id, now: h.clock.now, idleTimeout: 3600)
            #expect(sessions.count == 1, "only this browser's session is left")
            #expect(try await h.get(AccountRoutes.account).status == .ok)
            let events = try await h.services.store.auditEvents(limit: 50, before: nil).map(\.action)
            #expect(events.contains("password.changed"))
        }
    }

    @Test func aNewAddressIsVerifiedWithACodeBeforeItIsUsed() async throws {
        try await OIDCHarness.run { h in
            let account = try await h.passwordAccount(email: "karin@kiosken.se")
            let page = try await loggedIn(h, "karin@kiosken.se")
            let taken = try await h.submit(page, action: AccountRoutes.accountEmail, ["email": "karin@kiosken.se"])
            #expect(taken.status == .badRequest && taken.body.contains("Det är redan din adress."))
            let unproven = try await h.submit(
                page, action: AccountRoutes.accountEmail, ["email": "karin.holm@kiosken.se", "email_current_password": "inte mitt lösenord alls"])
            #expect(unproven.status == .badRequest && unproven.body.contains(#"id="email_current_password-error">Lösenordet stämmer inte."#))
            #expect(try await h.mails(to: "karin.holm@kiosken.se").isEmpty, "no code before the password is proven")
            let codePage = try await h.submit(
                page, action: AccountRoutes.accountEmail, ["email": "karin.holm@kiosken.se", "email_current_password": OIDCHarness.password])
            #expect(codePage.posted == .seeOther && codePage.status == .ok && codePage.body.contains("karin.holm@kiosken.se"),
                    "post/redirect/get: the code step is a page of its own")
            let codeURL = try #require(codePage.followed)
            let reloaded = try await h.get(codeURL)
            #expect(reloaded.status == .ok && reloaded.body.contains("karin.holm@kiosken.se"), "reload shows the step again")
            #expect(try await h.mails(to: "karin.holm@kiosken.se").count == 1, "and sends nothing again")
            let forged = try await h.get(AccountRoutes.accountEmailCode + "?ticket=forged")
            #expect(forged.status != .ok && !forged.body.contains("karin.holm@kiosken.se"))
            #expect(try await h.services.store.account(id: account.id)?.email == "karin@kiosken.se", "not before the code")
            let code = try await h.code(mailedTo: "karin.holm@kiosken.se")
            let done = try await h.submit(codePage, action: AccountRoutes.accountEmailCode, ["code": code])
            #expect(done.status == .seeOther)
            #expect(try await h.services.store.account(id: account.id)?.email == "karin.holm@kiosken.se")
            #expect(try await h.mails(to: "karin@kiosken.se").contains { $0.subject == "Din e-postadress på Mina sidor är bytt" })
        }
    }

    /// An address that belongs to another account answers like any other, but gets no code: only the notice that
    /// someone tried to use it, at most once a day (issue 21).
    @Test func anotherAccountsAddressGetsNoCodeOnlyANoticeOnceADay() async throws {
        try await OIDCHarness.run { h in
            _ = try await h.passwordAccount(email: "karin@kiosken.se")
            _ = try await h.passwordAccount(email: "olle@kiosken.se")
            let page = try await loggedIn(h, "karin@kiosken.se")
            let fields = ["email": "olle@kiosken.se", "email_current_password": OIDCHarness.password]
            let taken = try await h.submit(page, action: AccountRoutes.accountEmail, fields)
            let free = try await h.submit(page, action: AccountRoutes.accountEmail, ["email": "ny@kiosken.se", "email_current_password": OIDCHarness.password])
            #expect(taken.posted == .seeOther && taken.status == .ok && taken.body.contains("olle@kiosken.se"), "the code step, as for any address")
            #expect(free.posted == taken.posted && free.status == taken.status)
            let mails = try await h.mails(to: "olle@kiosken.se")
            #expect(mails.count == 1 && mails[0].subject == "Någon försökte använda din e-postadress på Mina sidor", "\(mails.map(\.subject))")
            #expect(mails[0].text.range(of: #"\b\d{6}\b"#, options: .regularExpression) == nil, "no code")
            h.clock.advance(60)
            _ = try await h.submit(page, action: AccountRoutes.accountEmail, fields)
            #expect(try await h.mails(to: "olle@kiosken.se").count == 1, "at most one notice a day")
            #expect(try await h.services.store.account(email: "olle@kiosken.se")?.email == "olle@kiosken.se")
        }
    }

    @Test func sessionsAreListedAndEnded() async throws {
        try await OIDCHarness.run { h in
            let account = try await h.passwordAccount(email: "karin@kiosken.se")
            _ = try await h.login(account.id)
            let page = try await loggedIn(h, "karin@kiosken.se")
            #expect(page.body.components(separatedBy: "action=\"\(AccountRoutes.accountSessionEnd)\"").count == 3)
            #expect(page.body.contains("den här webbläsaren"))
            let others = try await h.services.store.activeSessions(accountID: account.id, now: h.clock.now, idleTimeout: 3600)
            let other = try #require(others.last)
            var form = try OIDCHarness.hiddenFields(page.body, action: AccountRoutes.accountSessionEnd)
            form["sid"] = other.sid
            let ended = try await h.post(AccountRoutes.accountSessionEnd, form: form)
            #expect(ended.status == .seeOther)
            let left = try await h.services.store.activeSessions(accountID: account.id, now: h.clock.now, idleTimeout: 3600)
            #expect(left.count == 1 && !left.contains { $0.sid == other.sid })
            let events = try await h.services.store.auditEvents(limit: 50, before: nil)
            #expect(events.contains { $0.action == "session.ended" && $0.target == other.sid })
        }
    }

    @Test func theMailboxPageIsOnOnlyForTheLocalMailboxOnLoopback() async throws {
        try await OIDCHarness.run { h in
            _ = try await h.get(AccountRoutes.signUp).body
            let page = try await h.get(AccountRoutes.signUp)
            _ = try await h.submit(page, action: AccountRoutes.signUp, ["email": "lisa@kiosken.se"])
            // The page reads the mailbox folder: the outbox forgets a mail's text once it is delivered.
            let folder = LocalMailbox(directory: h.services.configuration.mail.mailboxDirectory)
            let worker = OutboxWorker(outbox: h.services.store, mailer: folder, messageIDDomain: "localhost", logger: TestPortvakt.logger)
            // The application's own outbox worker runs beside the router and may deliver it first: either way, once.
            _ = await worker.deliverDue(now: h.clock.now)
            var sent = false
            for _ in 0..<100 where !sent {
                sent = try await h.services.store.mailQueue(limit: 5).first?.sentAt != nil
                if !sent { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(sent && folder.recent(limit: 5).count == 1, "delivered once, into the folder")
            #expect(try await h.services.store.mailQueue(limit: 5).first?.message.text == "", "the code left the store")
            let mailbox = try await h.get(AccountRoutes.mailbox)
            #expect(mailbox.status == .ok && mailbox.body.contains("lisa@kiosken.se") && mailbox.body.contains("Din verifieringskod"))
            let code = try #require(folder.recent(limit: 1).first?.text.firstMatch(of: /\d{6}/)?.output)
            #expect(mailbox.body.contains(String(code)), "the page shows the code from the folder")
            #expect(mailbox.headers[.cacheControl] == "no-store")
            let rebound = try await h.get(AccountRoutes.mailbox, headers: [HTTPField.Name("Host")!: "attacker.example"])
            #expect(rebound.status == .notFound, "a page of another site's name (DNS rebinding) gets nothing")
        }
        try await OIDCHarness.run(["issuer": "https://login.example.se"]) { h in
            let answer = try await h.get(AccountRoutes.mailbox)
            #expect(answer.status == .notFound, "a deployment behind a proxy never has the page")
        }
        try await OIDCHarness.run(["mail": ["smtp_url": "smtp://127.0.0.1:2525"]]) { h in
            let answer = try await h.get(AccountRoutes.mailbox)
            #expect(answer.status == .notFound)
        }
    }
}
