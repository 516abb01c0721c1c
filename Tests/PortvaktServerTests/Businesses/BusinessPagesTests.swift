import Foundation
import HTTPTypes
import PortvaktCore
import PortvaktCrypto
import PortvaktServer
import PortvaktStore
import Testing

/// The business rules at the router level: linking (PIN and e-mail), activation, invitations, roles, claims.
@Suite struct BusinessPagesTests {
    static let pin = "4711"

    /// A server with the demo register's Pantbutiken and a producer, and a first-party client allowed the
    /// business scopes.
    func run(_ body: @Sendable (OIDCHarness) async throws -> Void) async throws {
        try await OIDCHarness.run { h in
            let store = h.services.store
            try await store.saveBusiness(Business(
                customerNumber: "0123436", name: "Pantbutiken", kind: .retailer, registeredEmail: "panta@pantbutiken.se",
                pinHash: try PasswordHasher().hash(Self.pin), createdAt: h.clock.now))
            try await store.saveBusiness(Business(
                customerNumber: "0789015", name: "Bryggeriet i Norr", kind: .producer, registeredEmail: "kontakt@bryggeriet-norr.se",
                pinHash: nil, createdAt: h.clock.now))
            try await store.createClient(ClientRegistration(
                id: "biz-portal", name: "Mina sidor", redirectURIs: [OIDCHarness.redirect],
                scopes: ["openid", "profile", "email", "memberships", "business"], firstParty: true,
                secretDigest: Digest.sha256(OIDCHarness.secret), createdAt: h.clock.now))
            try await body(h)
        }
    }

    /// Logs a password account in through the pages and returns the businesses page.
    func loggedIn(_ h: OIDCHarness, _ email: String) async throws -> OIDCHarness.Answer {
        h.jar.clear()
        if try await h.services.store.account(email: email) == nil { _ = try await h.passwordAccount(email: email) }
        let codePage = try await h.passwordStep(nil, email: email)
        _ = try await h.submit(codePage, action: AccountRoutes.passwordLoginCode, ["code": try await h.code(mailedTo: email)])
        h.clock.advance(31)
        return try await h.get(BusinessRoutes.list)
    }

    /// Linking as a browser does it from the businesses page: the customer number first ("Lägg till"), then the PIN
    /// on the page for that number.
    func linkWithPIN(_ h: OIDCHarness, _ page: OIDCHarness.Answer, number: String = "0123436", pin: String = pin) async throws -> OIDCHarness.Answer {
        let way = try await h.ask(page, action: BusinessRoutes.list, ["customer_number": number])
        return try await h.submit(way, action: BusinessRoutes.linkPIN, ["pin": pin])
    }

    /// The customer number first, then "Skicka länk" on the page for that number.
    func askForLink(_ h: OIDCHarness, _ page: OIDCHarness.Answer, number: String) async throws -> OIDCHarness.Answer {
        let way = try await h.ask(page, action: BusinessRoutes.list, ["customer_number": number])
        return try await h.submit(way, action: BusinessRoutes.linkEmail)
    }

    /// The table row of the page that names `key` (an address or a name).
    func row(_ page: OIDCHarness.Answer, _ key: String) -> String {
        page.body.components(separatedBy: "<tr>").first { $0.contains(key) }?.components(separatedBy: "</tr>").first ?? ""
    }

    func csrf(_ page: OIDCHarness.Answer) throws -> String {
        OIDCHarness.unescape(String(try #require(page.body.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1)))
    }

    @Test func theBusinessPageShowsTheOrganisationNumberWhereOneIsKnown() async throws {
        try await run { h in
            _ = try await loggedIn(h, "karin@kiosken.se")
            let account = try #require(try await h.services.store.account(email: "karin@kiosken.se"))
            try await h.services.store.saveBusiness(Business(
                customerNumber: "0555550", name: "Kiosken AB", kind: .retailer, registeredEmail: "info@kiosken.se", pinHash: nil,
                createdAt: h.clock.now, organisationNumber: "5560360793"))
            for number in ["0555550", "0123436"] {
                #expect(try await h.services.store.linkFirstAdministrator(customerNumber: number, accountID: account.id, at: h.clock.now) == .linked)
            }
            let known = try await h.get(BusinessRoutes.business("0555550") + "?lang=sv")
            #expect(known.status == .ok && known.body.contains("<p>Organisationsnummer: 556036-0793</p>"), "\(known.body)")
            let english = try await h.get(BusinessRoutes.business("0555550") + "?lang=en")
            #expect(english.body.contains("<p>Organisation number: 556036-0793</p>"))
            let unknown = try await h.get(BusinessRoutes.business("0123436") + "?lang=sv")
            #expect(unknown.status == .ok && unknown.body.contains("Pantbutiken") && !unknown.body.contains("Organisationsnummer"))
        }
    }

    @Test func theFirstAccountLinkedWithThePINBecomesAdministratorAndThePINThenLetsNobodyElseIn() async throws {
        try await run { h in
            let page = try await loggedIn(h, "karin@kiosken.se")
            #expect(page.body.contains("Koppla konto till verksamhet") && page.body.contains(">Lägg till</button>") && !page.body.contains(#"name="pin""#),
                    "linking starts with the customer number alone")
            let linked = try await linkWithPIN(h, page)
            #expect(linked.status == .seeOther)
            let business = try await h.get(try #require(linked.location))
            #expect(business.body.contains("Pantbutiken") && business.body.contains("Administratör") && business.body.contains("Aktivera verksamhet"))
            let other = try await loggedIn(h, "olle@kiosken.se")
            let refused = try await linkWithPIN(h, other)
            #expect(refused.status == .badRequest && refused.body.contains("Verksamheten har redan en administratör"))
            let events = try await h.services.store.auditEvents(limit: 100, before: nil)
            #expect(events.contains { $0.action == "business.linked" && $0.target == "business:0123436" })
        }
    }

    @Test func linkingStartsWithTheCustomerNumberAndAnUnknownNumberLooksLikeARetailers() async throws {
        try await run { h in
            let page = try await loggedIn(h, "karin@kiosken.se")
            let garbled = try await h.ask(page, action: BusinessRoutes.list, ["customer_number": "12ab"])
            #expect(garbled.status == .badRequest && garbled.body.contains("Ange kundnumret med siffror, 4 till 12 stycken."))
            let retailer = try await h.ask(page, action: BusinessRoutes.list, ["customer_number": "0123436"])
            #expect(retailer.status == .ok && retailer.body.contains(#"name="pin""#) && retailer.body.contains("Kundnummer: 0123436")
                    && retailer.body.contains("Ingen PIN-kod?") && retailer.body.contains("Byt kundnummer"))
            let unknown = try await h.ask(page, action: BusinessRoutes.list, ["customer_number": "0999999"])
            #expect(unknown.status == .ok && Self.withoutTokens(unknown.body).replacingOccurrences(of: "0999999", with: "X")
                    == Self.withoutTokens(retailer.body).replacingOccurrences(of: "0123436", with: "X"), "the register cannot be enumerated")
            let english = try await h.ask(try await h.get(BusinessRoutes.list + "?lang=en"), action: BusinessRoutes.list, ["customer_number": "0789015"])
            #expect(english.body.contains("Producers and importers link their account") && !english.body.contains(#"name="pin""#))
        }
    }

    /// A page without its per-page tokens (the CSRF token), to compare two pages' words.
    static func withoutTokens(_ body: String) -> String {
        body.replacing(/name="csrf" value="[^"]*"/, with: "")
    }

    /// Before issue 12 five wrong PINs from anyone locked the business's PIN path for everyone, the right PIN
    /// included; now they stop only the account that tried them.
    @Test func aWrongCustomerNumberAndAWrongPINLookTheSameAndFiveWrongTriesStopOnlyThatAccount() async throws {
        try await run { h in
            let page = try await loggedIn(h, "karin@kiosken.se")
            let wrongNumber = try await linkWithPIN(h, page, number: "0999999")
            let wrongPIN = try await linkWithPIN(h, page, pin: "0000")
            #expect(wrongNumber.status == wrongPIN.status && wrongPIN.body.contains("Fel kundnummer eller PIN-kod."))
            #expect(wrongNumber.body.replacingOccurrences(of: "0999999", with: "X") == wrongPIN.body.replacingOccurrences(of: "0123436", with: "X"))
            let producerWay = try await h.ask(page, action: BusinessRoutes.list, ["customer_number": "0789015"])
            #expect(producerWay.status == .ok && producerWay.body.contains("Producenter och importörer kopplar kontot")
                    && !producerWay.body.contains(#"name="pin""#), "a producer's number never gets a PIN field")
            let retailerWay = try await h.ask(page, action: BusinessRoutes.list, ["customer_number": "0123436"])
            let producer = try await h.post(
                BusinessRoutes.linkPIN, form: try OIDCHarness.hiddenFields(retailerWay.body, action: BusinessRoutes.linkPIN)
                    .merging(["customer_number": "0789015", "pin": "1234"]) { $1 })
            #expect(producer.body.contains("Producenter och importörer kopplar kontot") && !producer.body.contains(#"name="pin""#),
                    "a producer's number posted to the PIN form anyway gets the mail path, and no PIN is checked")
            for _ in 0..<4 { _ = try await linkWithPIN(h, try await h.get(BusinessRoutes.list), number: "0123436", pin: "0000") }
            let stopped = try await linkWithPIN(h, try await h.get(BusinessRoutes.list))
            #expect(stopped.body.contains("Du har angett fel PIN-kod för många gånger"), "this account, even with the right PIN")
            let owner = try await linkWithPIN(h, try await loggedIn(h, "olle@kiosken.se"))
            #expect(owner.status == .seeOther, "another account with the right PIN links")
        }
    }

    @Test func wrongPINsFromOtherAccountsDoNotStopTheOwnerAndTheRegisteredAddressIsToldOnce() async throws {
        try await run { h in
            for attacker in ["eve@example.se", "mallory@example.se", "trudy@example.se"] {
                let page = try await loggedIn(h, attacker)
                var answers: [String] = []
                for _ in 0..<20 {
                    let answer = try await linkWithPIN(h, page, pin: "0000")
                    answers.append(answer.body.contains("Fel kundnummer eller PIN-kod.") ? "wrong" : "stopped")
                }
                #expect(answers.filter { $0 == "wrong" }.count <= 5, "at most five tries per account and business")
            }
            let warnings = try await h.mails(to: "panta@pantbutiken.se").filter { $0.subject.contains("Någon försöker gissa PIN-koden") }
            #expect(warnings.count == 1 && warnings[0].text.contains("In English"), "once, in Swedish with an English line")
            let owner = try await linkWithPIN(h, try await loggedIn(h, "karin@kiosken.se"))
            #expect(owner.status == .seeOther, "the right PIN from an account without failures links")
            let events = try await h.services.store.auditEvents(limit: 500, before: nil)
            #expect(events.filter { $0.action == "business.pin_under_attack" }.count == 1)
        }
    }

    @Test func linkRequestsFromAnotherAccountDoNotUseUpTheOwnersAndADroppedRequestSaysSo() async throws {
        try await run { h in
            let eve = try await loggedIn(h, "eve@example.se")
            var sent = 0, toldSeveralTimes = 0
            for _ in 0..<10 {
                let answer = try await askForLink(h, eve, number: "0789015")
                if answer.status == .seeOther { sent += 1 }
                if answer.body.contains("Vi har redan skickat länken flera gånger; försök igen om en timme.") { toldSeveralTimes += 1 }
            }
            #expect(sent == 3 && toldSeveralTimes == 7)
            #expect(try await h.mails(to: "kontakt@bryggeriet-norr.se").count == 3)
            let owner = try await loggedIn(h, "bo@bryggeriet.se")
            let asked = try await askForLink(h, owner, number: "0789015")
            #expect(asked.status == .seeOther && asked.location?.contains("done=mail") == true)
            #expect(try await h.mails(to: "kontakt@bryggeriet-norr.se").count == 4, "the owner's request is mailed")
            // An unknown number gets the same first answer as a known one: the limit is the asker's own count.
            let unknown = try await askForLink(h, owner, number: "0999999")
            #expect(unknown.status == asked.status && unknown.location == asked.location)
        }
    }

    @Test func theMailedLinkGoesToTheRegisteredAddressAndWorksOnceForItsAccount() async throws {
        try await run { h in
            let page = try await loggedIn(h, "bo@bryggeriet.se")
            let asked = try await askForLink(h, page, number: "0789015")
            let shown = try await h.get(try #require(asked.location))
            #expect(shown.body.contains("Om uppgifterna stämmer har vi skickat ett mejl"))
            let unknown = try await askForLink(h, page, number: "0999999")
            #expect(unknown.location == asked.location, "an unknown number gets the same answer")
            let mail = try #require(try await h.mails(to: "kontakt@bryggeriet-norr.se").first)
            let link = try #require(mail.text.firstMatch(of: try Regex(#"https?://\S+token=\S+"#)).map { String($0.output[0].substring ?? "") })
            let path = String(link.drop { $0 != "/" }.dropFirst(2).drop { $0 != "/" })
            // Another account cannot use it.
            _ = try await loggedIn(h, "eve@example.se")
            #expect(try await h.get(path).body.contains("Länken är ogiltig"))
            _ = try await loggedIn(h, "bo@bryggeriet.se")
            let redeemed = try await h.get(path)
            #expect(redeemed.status == .seeOther && redeemed.location?.hasPrefix(BusinessRoutes.business("0789015")) == true)
            #expect(try await h.get(path).body.contains("Länken är ogiltig"), "single use")
        }
    }

    @Test func invitationsRolesTheLastAdministratorRuleAndTheClaims() async throws {
        try await run { h in
            let page = try await loggedIn(h, "karin@kiosken.se")
            let admin = try #require(try await h.services.store.account(email: "karin@kiosken.se"))
            _ = try await linkWithPIN(h, page)
            let base = BusinessRoutes.business("0123436")
            var business = try await h.get(base)
            // "Aktivera verksamhet" leads to a confirm step; the confirmation activates, once.
            let asked = try await h.submit(business, action: "\(base)/activate")
            #expect(asked.status == .seeOther && asked.location?.hasPrefix("\(base)/activate") == true, "a confirm step first")
            let confirm = try await h.get(try #require(asked.location))
            #expect(confirm.body.contains("Aktivera verksamheten?") && confirm.body.contains(#"name="confirm" value="yes""#))
            #expect(try await h.services.store.business(customerNumber: "0123436")?.activatedAt == nil, "nothing before the confirmation")
            let first = try await h.submit(confirm, action: "\(base)/activate", ["confirm": "yes"])
            let second = try await h.submit(confirm, action: "\(base)/activate", ["confirm": "yes"])
            #expect(first.status == .seeOther && second.status == .seeOther && second.location == first.location, "a double submit does nothing twice")
            let activations = try await h.services.store.auditEvents(limit: 100, before: nil).filter { $0.action == "business.activated" }
            #expect(activations.count == 1)
            // The last administrator cannot demote themselves (the table offers it to nobody for themselves).
            #expect(!row(business, "Karin Lund").contains("<select"))
            let demoteSelf = try await h.post(
                "\(base)/members/\(admin.id)/role", form: ["role": "user", "confirm": "yes", "csrf": try csrf(business), "lang": "sv"])
            #expect(demoteSelf.status == .badRequest && demoteSelf.body.contains("Verksamheten måste ha minst en administratör"))
            #expect(try await h.services.store.business(customerNumber: "0123436")?.pinHash == nil, "activation retires the PIN")

            business = try await h.get(base)
            let invited = try await h.submit(business, action: "\(base)/invite", ["email": "olle@kiosken.se", "role": "user"])
            #expect(invited.status == .seeOther)
            let mail = try #require(try await h.mails(to: "olle@kiosken.se").first)
            #expect(mail.subject == "Inbjudan till Pantbutiken på Mina sidor")
            let link = try #require(mail.text.firstMatch(of: try Regex(#"https?://\S+token=\S+"#)).map { String($0.output[0].substring ?? "") })
            let path = String(link.drop { $0 != "/" }.dropFirst(2).drop { $0 != "/" })
            // Someone with another address cannot accept.
            _ = try await loggedIn(h, "eve@example.se")
            let offer = try await h.get(path)
            let wrong = try await h.submit(offer, action: BusinessRoutes.acceptInvitation)
            #expect(wrong.body.contains("Inbjudan gäller en annan e-postadress än ditt kontos."))
            #expect(try await h.services.store.members(customerNumber: "0123436").count == 1)
            _ = try await loggedIn(h, "olle@kiosken.se")
            let accepted = try await h.submit(try await h.get(path), action: BusinessRoutes.acceptInvitation)
            #expect(accepted.status == .seeOther)
            let olle = try #require(try await h.services.store.account(email: "olle@kiosken.se"))
            #expect(try await h.services.store.members(customerNumber: "0123436").first { $0.accountID == olle.id }?.role == .user)
            let asUser = try await h.get(base)
            #expect(asUser.body.contains("Lämna verksamheten") && !asUser.body.contains("Skapa ny användare"), "a user sees the business, not the controls")
            let forbidden = try await h.submit(asUser, action: "\(base)/leave")
            #expect(forbidden.status == .seeOther)
            #expect(try await h.services.store.members(customerNumber: "0123436").count == 1, "a user may leave")

            // Tokens: memberships, and business:<customer_number> for a member only.
            _ = try await loggedIn(h, "karin@kiosken.se")
            let cookie = try await h.login(admin.id)
            let answer = try await h.authorize(["client_id": "biz-portal", "scope": "openid memberships business:0123436"], cookie: cookie)
            let code = try #require(answer.redirectParameters["code"], "\(answer.location ?? "")")
            let tokens = try await h.post(
                "/token", form: ["grant_type": "authorization_code", "code": code, "redirect_uri": OIDCHarness.redirect,
                                 "code_verifier": PKCEPair.standard.verifier],
                headers: [.authorization: "Basic " + Data("biz-portal:\(OIDCHarness.secret)".utf8).base64EncodedString()]).json
            let access = try #require(tokens["access_token"] as? String)
            let payload = try #require(access.split(separator: ".").dropFirst().first.flatMap { Base64URL.decode(String($0)) })
            let claims = try #require(try JSONSerialization.jsonObject(with: Data(payload)) as? [String: Any])
            let memberships = try #require(claims["memberships"] as? [[String: Any]])
            #expect(memberships.count == 1 && memberships[0]["customer_number"] as? String == "0123436" && memberships[0]["role"] as? String == "admin")
            #expect((claims["business"] as? [String: Any])?["name"] as? String == "Pantbutiken")
            let userinfo = try await h.get("/userinfo", headers: [.authorization: "Bearer \(access)"]).json
            #expect((userinfo["memberships"] as? [[String: Any]])?.first?["kind"] as? String == "retailer")
            // A business the account does not act for is linked inside the flow (business onboarding), never issued.
            let notMine = try await h.authorize(["client_id": "biz-portal", "scope": "openid business:0789015"], cookie: cookie)
            #expect(notMine.redirectParameters["code"] == nil && notMine.location?.hasPrefix(PendingRoutes.onboarding) == true)
        }
    }

    @Test func anAccountWithSeveralBusinessesPicksOneDuringAuthorization() async throws {
        try await run { h in
            let store = h.services.store
            for number in ["0123436", "0789015"] {
                #expect(try await store.linkFirstAdministrator(customerNumber: number, accountID: OIDCHarness.accountID, at: h.clock.now) == .linked)
                _ = try await store.activateBusiness(customerNumber: number, at: h.clock.now)
            }
            let cookie = try await h.login()
            let answer = try await h.authorize(["client_id": "biz-portal", "scope": "openid business"], cookie: cookie)
            let location = try #require(answer.location)
            #expect(location.hasPrefix(PendingRoutes.business))
            let picker = try await h.get(location, cookie: cookie)
            #expect(picker.body.contains("Välj verksamhet") && picker.body.contains("Pantbutiken (0123436)") && picker.body.contains("Bryggeriet i Norr (0789015)"))
            let forms = picker.body.components(separatedBy: "<form ").dropFirst().filter { $0.contains("0789015") }
            var fields: [String: String] = [:]
            for match in try #require(forms.first).matches(of: try Regex(#"<input type="hidden" name="([^"]+)" value="([^"]*)">"#)) {
                fields[String(match.output[1].substring ?? "")] = OIDCHarness.unescape(String(match.output[2].substring ?? ""))
            }
            let chosen = try await h.post(PendingRoutes.business, form: fields, cookie: cookie)
            let resumed = try await h.get(try #require(chosen.location), cookie: cookie)
            let code = try #require(resumed.redirectParameters["code"], "\(resumed.location ?? resumed.body)")
            let tokens = try await h.post(
                "/token", form: ["grant_type": "authorization_code", "code": code, "redirect_uri": OIDCHarness.redirect,
                                 "code_verifier": PKCEPair.standard.verifier],
                headers: [.authorization: "Basic " + Data("biz-portal:\(OIDCHarness.secret)".utf8).base64EncodedString()]).json
            #expect(tokens["scope"] as? String == "openid business:0789015")
            let access = try #require(tokens["access_token"] as? String)
            let payload = try #require(access.split(separator: ".").dropFirst().first.flatMap { Base64URL.decode(String($0)) })
            let claims = try #require(try JSONSerialization.jsonObject(with: Data(payload)) as? [String: Any])
            #expect((claims["business"] as? [String: Any])?["customer_number"] as? String == "0789015")
        }
    }

    @Test func invitationsAreResentRevokedAndExpireAfterSevenDays() async throws {
        try await run { h in
            let page = try await loggedIn(h, "karin@kiosken.se")
            _ = try await linkWithPIN(h, page)
            let base = BusinessRoutes.business("0123436")
            _ = try await h.submit(try await h.get(base), action: "\(base)/invite", ["email": "a@kiosken.se", "role": "admin"])
            _ = try await h.submit(try await h.get(base), action: "\(base)/invite", ["email": "b@kiosken.se", "role": "user"])
            let invitations = try await h.services.store.invitations(customerNumber: "0123436")
            let first = try #require(invitations.first { $0.email == "a@kiosken.se" })
            let second = try #require(invitations.first { $0.email == "b@kiosken.se" })
            var listing = try await h.get(base)
            #expect(row(listing, "a@kiosken.se").contains("<td>Administratör</td><td>Väntar på svar</td>"))
            #expect(row(listing, "b@kiosken.se").contains("<td>Användare</td><td>Väntar på svar</td>"))
            let oldLink = try #require(try await h.mails(to: "a@kiosken.se").first?.text.firstMatch(of: try Regex(#"/invitations/accept\?token=\S+"#)))
            h.clock.advance(60)
            _ = try await h.submit(listing, action: "\(base)/invitations/\(first.id)/resend")
            #expect(try await h.mails(to: "a@kiosken.se").count == 2, "a new mail with a new link")
            listing = try await h.get(base)
            _ = try await h.submit(listing, action: "\(base)/invitations/\(second.id)/revoke")
            listing = try await h.get(base)
            #expect(row(listing, "b@kiosken.se").contains("<td>Återkallad</td>") && !row(listing, "b@kiosken.se").contains("<button"),
                    "no action beside a revoked invitation")
            // The first link no longer works after the resend; the new one expires after seven days.
            _ = try await loggedIn(h, "a@kiosken.se")
            let stale = try await h.get(String(oldLink.output[0].substring ?? ""))
            #expect(stale.body.contains("Länken till inbjudan fungerar inte."), "a replaced link is unknown")
            let newLink = try #require(try await h.mails(to: "a@kiosken.se").compactMap { $0.text.firstMatch(of: try Regex(#"/invitations/accept\?token=\S+"#)) }.first)
            let revokedLink = try #require(try await h.mails(to: "b@kiosken.se").compactMap { $0.text.firstMatch(of: try Regex(#"/invitations/accept\?token=\S+"#)) }.first)
            #expect(try await h.get(String(revokedLink.output[0].substring ?? "")).body.contains("Administratören har återkallat inbjudan."))
            h.clock.advance(7 * 86_400)
            #expect(try await h.get(String(newLink.output[0].substring ?? "")).body.contains("Inbjudan har gått ut; den gäller i sju dagar."))
            _ = try await loggedIn(h, "karin@kiosken.se")
            #expect(row(try await h.get(base), "a@kiosken.se").contains("<td>Har gått ut. Bjud in igen om personen ska med.</td>"))
        }
    }
}
