import Foundation
import HTTPTypes
import PortvaktCore
import PortvaktCrypto
import PortvaktServer
import PortvaktStore
import Testing

/// Issue 14, item 5: the account page as a console: each session's browser, system, login method in words and
/// address, "Logga ut överallt", and "Anslutna tjänster" whose removal also ends the service's refresh tokens.
@Suite struct AccountConsoleTests {
    @Test func aConnectedServiceIsListedAndItsRemovalEndsItsGrants() async throws {
        try await OIDCHarness.run { h in
            let account = try await h.passwordAccount(email: "karin@kiosken.se")
            let store = h.services.store
            try await store.createClient(ClientRegistration(
                id: "shop-app", name: "Butiksappen", redirectURIs: [OIDCHarness.redirect], scopes: ["openid", "email"], firstParty: false,
                secretDigest: Digest.sha256(OIDCHarness.secret), createdAt: h.clock.now))
            try await store.saveConsent(accountID: account.id, clientID: "shop-app", scopes: ["openid", "email"], at: h.clock.now)
            try await store.createGrant(Grant(id: "g-shop", clientID: "shop-app", accountID: account.id, scopes: ["openid", "email"], createdAt: h.clock.now))
            let page = try await AccountPageTests().loggedIn(h, "karin@kiosken.se")
            #expect(page.body.contains("Anslutna tjänster") && page.body.contains("Butiksappen: Din e-postadress"))
            #expect(page.body.contains("med E-post, lösenord och kod"), "the login method in words, not pwd+otp+mfa")
            let removed = try await h.submit(page, action: AccountRoutes.accountServiceRevoke)
            #expect(removed.status == .seeOther && removed.location?.contains("done=service") == true)
            #expect(try await store.consents(accountID: account.id).isEmpty)
            #expect(try await store.grant(id: "g-shop")?.revokedAt != nil, "its grants end with it")
            let after = try await h.get(try #require(removed.location))
            #expect(after.body.contains("Tjänstens åtkomst är borttagen.") && !after.body.contains("Butiksappen:"))
        }
    }

    @Test func logOutEverywhereEndsEverySessionAndSaysSo() async throws {
        try await OIDCHarness.run { h in
            let account = try await h.passwordAccount(email: "karin@kiosken.se")
            let elsewhere = try await h.login(account.id)
            let page = try await AccountPageTests().loggedIn(h, "karin@kiosken.se")
            let out = try await h.submit(page, action: AccountRoutes.accountSessionsEndAll)
            #expect(out.status == .seeOther && out.location?.hasPrefix(AccountRoutes.loggedOut) == true)
            #expect(try await h.services.store.activeSessions(accountID: account.id, now: h.clock.now, idleTimeout: 3600).isEmpty)
            #expect(try await h.get(AccountRoutes.account).status != .ok, "this browser is logged out")
            #expect(try await h.get(AccountRoutes.account, cookie: elsewhere).status != .ok, "and the other one too")
        }
    }

    @Test func eachSessionNamesItsBrowserSystemAndAddressInTheUsersLanguage() async throws {
        try await OIDCHarness.run { h in
            let account = try await h.passwordAccount(email: "karin@kiosken.se")
            let now = h.clock.now
            // A session from before browsers and addresses were kept, and one whose header is hostile.
            try await h.services.store.createSession(
                LoginSession(sid: "old", accountID: account.id, authTime: now, acr: nil, amr: ["swk"], createdAt: now, lastSeenAt: now,
                             expiresAt: now.addingTimeInterval(3600)), secretDigest: Digest.sha256("old"))
            try await h.services.store.createSession(
                LoginSession(sid: "odd", accountID: account.id, authTime: now, acr: nil, amr: ["swk"], createdAt: now, lastSeenAt: now,
                             expiresAt: now.addingTimeInterval(3600), userAgent: "<script>alert(1)</script> (Windows NT 10.0)",
                             address: "198.51.100.9"), secretDigest: Digest.sha256("odd"))
            h.peer.set("203.0.113.7")
            h.userAgent.set(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")
            let page = try await AccountPageTests().loggedIn(h, "karin@kiosken.se")
            let mine = try #require(try await h.services.store.activeSessions(accountID: account.id, now: h.clock.now, idleTimeout: 3600)
                .first { $0.sid != "old" && $0.sid != "odd" })
            #expect(mine.address == "203.0.113.7" && mine.userAgent?.hasSuffix("Safari/537.36") == true, "the login's header and address are kept")
            #expect(page.body.contains(
                /<p>Chrome på Windows · Inloggad [^<]+ med E-post, lösenord och kod från 203\.0\.113\.7, senast aktiv [^<]+ \(den här webbläsaren\)<\/p>/))
            #expect(page.body.contains(/<p>Inloggad [^<]+ med BankID, senast aktiv [^<]+<\/p>/), "the old session names neither")
            #expect(page.body.contains(/<p>Okänd webbläsare på Windows · Inloggad [^<]+ med BankID från 198\.51\.100\.9, senast/))
            #expect(!page.body.contains("<script>alert"), "the header itself is never shown")
            let english = try await h.get(AccountRoutes.account + "?lang=en")
            #expect(english.body.contains(
                /<p>Chrome on Windows · Logged in [^<]+ with E-mail, password and code from 203\.0\.113\.7, last active [^<]+ \(this browser\)<\/p>/))
            #expect(english.body.contains(/<p>Unknown browser on Windows · Logged in [^<]+ with BankID from 198\.51\.100\.9, last/))
        }
    }
}
