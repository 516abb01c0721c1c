import Foundation
import HTTPTypes
import PortvaktCore
import PortvaktCrypto
import PortvaktServer
import PortvaktStore
import Testing

/// Business onboarding inside the authorization: a portal asks for `business`, the account has none, and the user
/// links one (PIN or mailed link), activates it and arrives at the portal with the business; or cancels.
@Suite struct BusinessOnboardingTests {
    let pages = BusinessPagesTests()

    /// A logged-in browser (a session cookie in the jar) and an authorization of the business portal.
    func authorize(_ h: OIDCHarness, email: String, scope: String = "openid memberships business", prompt: String? = nil)
        async throws -> (account: Account, answer: OIDCHarness.Answer)
    {
        h.jar.clear()
        var account: Account
        if let existing = try await h.services.store.account(email: email) {
            account = existing
        } else {
            account = try await h.passwordAccount(email: email)
        }
        let cookie = try await h.login(account.id)
        h.jar.keep([.setCookie: cookie])
        let answer = try await h.authorize(["client_id": "biz-portal", "scope": scope, "prompt": prompt], cookie: nil)
        return (account, answer)
    }

    func tokens(_ h: OIDCHarness, _ answer: OIDCHarness.Answer) async throws -> [String: Any] {
        let code = try #require(answer.redirectParameters["code"], "\(answer.location ?? answer.body)")
        let tokens = try await h.post(
            "/token", form: ["grant_type": "authorization_code", "code": code, "redirect_uri": OIDCHarness.redirect,
                             "code_verifier": PKCEPair.standard.verifier],
            headers: [.authorization: "Basic " + Data("biz-portal:\(OIDCHarness.secret)".utf8).base64EncodedString()]).json
        let access = try #require(tokens["access_token"] as? String)
        let payload = try #require(access.split(separator: ".").dropFirst().first.flatMap { Base64URL.decode(String($0)) })
        return try #require(try JSONSerialization.jsonObject(with: Data(payload)) as? [String: Any])
    }

    @Test func aNewShopOwnerLinksWithThePINActivatesAndArrivesWithTheBusiness() async throws {
        try await pages.run { h in
            let (_, start) = try await authorize(h, email: "karin@kiosken.se")
            let location = try #require(start.location)
            #expect(location.hasPrefix(PendingRoutes.onboarding + "?request="), "no error to the portal: \(location)")
            let page = try await h.get(location)
            #expect(page.status == .ok && page.body.contains("Koppla konto till verksamhet") && page.body.contains("Mina sidor behöver veta"))
            #expect(!page.body.contains(#"name="pin""#), "the customer number comes first")
            let way = try await h.ask(page, action: PendingRoutes.onboarding, ["customer_number": "0123436"])
            #expect(way.status == .ok && way.body.contains(#"name="pin""#) && way.body.contains("Kundnummer: 0123436"))
            let wrong = try await h.submit(way, action: PendingRoutes.onboardingPINPath, ["pin": "0000"])
            #expect(wrong.status == .badRequest && wrong.body.contains("Fel kundnummer eller PIN-kod.") && wrong.body.contains("Kundnummer: 0123436"))
            let linked = try await h.submit(way, action: PendingRoutes.onboardingPINPath, ["pin": BusinessPagesTests.pin])
            #expect(linked.status == .seeOther, "post/redirect/get")
            let confirm = try await h.get(try #require(linked.location))
            #expect(confirm.body.contains("Aktivera verksamhet") && confirm.body.contains("PIN-koden slutar då att gälla"))
            #expect(try await h.services.store.business(customerNumber: "0123436")?.activatedAt == nil, "linking alone does not activate")
            let activated = try await h.submit(confirm, action: PendingRoutes.onboardingActivatePath)
            let again = try await h.submit(confirm, action: PendingRoutes.onboardingActivatePath)
            #expect(activated.status == .seeOther && again.status == .seeOther, "a double submit does nothing twice")
            let resumed = try await h.get(try #require(activated.location))
            let claims = try await tokens(h, resumed)
            #expect((claims["business"] as? [String: Any])?["customer_number"] as? String == "0123436")
            #expect((claims["memberships"] as? [[String: Any]])?.count == 1)
        }
    }

    @Test func promptNoneCancelAndMembershipsAlone() async throws {
        try await pages.run { h in
            let (_, silent) = try await authorize(h, email: "karin@kiosken.se", prompt: "none")
            #expect(silent.redirectParameters["error"] == "interaction_required" && silent.redirectParameters["state"] == "st-123")
            let (_, start) = try await authorize(h, email: "karin@kiosken.se")
            let page = try await h.get(try #require(start.location))
            let cancelled = try await h.submit(page, action: PendingRoutes.onboardingCancelPath)
            #expect(cancelled.redirectParameters["error"] == "access_denied" && cancelled.redirectParameters["state"] == "st-123")
            #expect(cancelled.redirectParameters["iss"] != nil && cancelled.location?.hasPrefix(OIDCHarness.redirect) == true)
            let (_, memberships) = try await authorize(h, email: "karin@kiosken.se", scope: "openid memberships")
            let claims = try await tokens(h, memberships)
            #expect((claims["memberships"] as? [Any])?.isEmpty == true, "memberships alone is never blocked")
        }
    }

    @Test func aUserOfABusinessNotYetActivatedIsToldSo() async throws {
        try await pages.run { h in
            let admin = try await h.passwordAccount(email: "karin@kiosken.se")
            let user = try await h.passwordAccount(email: "olle@kiosken.se", id: "acc-olle")
            #expect(try await h.services.store.linkFirstAdministrator(customerNumber: "0123436", accountID: admin.id, at: h.clock.now) == .linked)
            let invitation = Invitation(
                id: "inv-1", customerNumber: "0123436", email: "olle@kiosken.se", role: .user, invitedBy: admin.id, createdAt: h.clock.now,
                expiresAt: h.clock.now.addingTimeInterval(3600))
            try await h.services.store.createInvitation(invitation, tokenDigest: Digest.sha256("t-olle"))
            _ = try await h.services.store.acceptInvitation(tokenDigest: Digest.sha256("t-olle"), accountID: user.id, verifiedEmail: "olle@kiosken.se", now: h.clock.now)
            let (_, start) = try await authorize(h, email: "olle@kiosken.se")
            let page = try await h.get(try #require(start.location))
            #expect(page.body.contains("Verksamheten Pantbutiken är inte aktiverad än; administratören Karin Lund"), "\(page.body)")
            #expect(page.body.contains(PendingRoutes.onboardingCancelPath) && !page.body.contains("PIN-kod"))
        }
    }

    @Test func aProducerLinksByMailOpenedInAnotherBrowserAndTheFirstWindowGoesOn() async throws {
        try await pages.run { h in
            let (_, start) = try await authorize(h, email: "anna@bryggeriet-norr.se")
            let windowCookies = try #require(h.jar.header(adding: nil))
            let page = try await h.get(try #require(start.location))
            let way = try await h.ask(page, action: PendingRoutes.onboarding, ["customer_number": "0789015"])
            #expect(!way.body.contains(#"name="pin""#) && way.body.contains("Producenter och importörer kopplar kontot"), "a producer gets the mail path only")
            let sent = try await h.submit(way, action: PendingRoutes.onboardingEmailPath)
            let waiting = try await h.get(try #require(sent.location))
            #expect(waiting.body.contains("det här fönstret fortsätter av sig självt") && waiting.body.contains(#"http-equiv="refresh""#))
            let mail = try #require(try await h.mails(to: "kontakt@bryggeriet-norr.se").first)
            let link = try #require(mail.text.firstMatch(of: try Regex(#"https?://\S+/account/businesses/link\?\S+"#))?.output[0].substring)
            let path = String(link[link.range(of: "/account/businesses/link")!.lowerBound...])
            // Another browser: log in there and open the link.
            h.jar.clear()
            let account = try #require(try await h.services.store.account(email: "anna@bryggeriet-norr.se"))
            h.jar.keep([.setCookie: try await h.login(account.id)])
            let elsewhere = try await h.get(path)
            #expect(elsewhere.body.contains("Gå tillbaka till fönstret där du loggade in."), "\(elsewhere.status) \(elsewhere.body)")
            // The first window, reloading, now offers the activation.
            h.jar.clear()
            for cookie in windowCookies.components(separatedBy: "; ") { h.jar.keep([.setCookie: cookie]) }
            let reloaded = try await h.get(try #require(sent.location))
            #expect(reloaded.body.contains("Aktivera verksamhet") && reloaded.body.contains("Bryggeriet i Norr"), "\(reloaded.body)")
            let activated = try await h.submit(reloaded, action: PendingRoutes.onboardingActivatePath)
            let claims = try await tokens(h, try await h.get(try #require(activated.location)))
            #expect((claims["business"] as? [String: Any])?["customer_number"] as? String == "0789015")
        }
    }
}
