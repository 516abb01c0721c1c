import Foundation
import HTTPTypes
import PortvaktCore
import PortvaktCrypto
import PortvaktServer
import PortvaktStore
import Testing

/// Issue 14, item 5: the account page as a console: login methods in words, "Logga ut överallt", and "Anslutna
/// tjänster" whose removal also ends the service's refresh tokens.
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
}
