import Foundation
import HTTPTypes
import PortvaktCore
import PortvaktServer
import PortvaktStore
import Testing

@Suite struct SignUpTests {
    @Test func signingUpVerifiesTheAddressCreatesTheAccountLogsInAndResumesTheRequest() async throws {
        try await OIDCHarness.run { h in
            let pendingID = try await h.pendingRequest()
            let login = try await h.get("/login?request=\(pendingID)")
            #expect(login.body.contains("\(AccountRoutes.passwordLogin)?request=\(pendingID)"))
            #expect(login.body.contains("\(AccountRoutes.signUp)?request=\(pendingID)&amp;lang=sv") && login.body.contains("Skapa konto"))
            let passwordPage = try await h.get("\(AccountRoutes.passwordLogin)?request=\(pendingID)")
            #expect(passwordPage.body.contains("\(AccountRoutes.signUp)?request=\(pendingID)"))

            let emailPage = try await h.get("\(AccountRoutes.signUp)?request=\(pendingID)")
            #expect(emailPage.body.contains("Skicka verifieringskod") && emailPage.body.contains(#"autocomplete="email""#))
            let codePage = try await h.submit(emailPage, action: AccountRoutes.signUp, ["email": "Nils@Kiosken.se"])
            #expect(codePage.status == .ok)
            #expect(codePage.body.contains("Verifieringskod") && codePage.body.contains("Skicka ny kod") && codePage.body.contains("Verifiera koden"))
            #expect(codePage.body.contains(#"autocomplete="one-time-code""#))
            let code = try await h.code(mailedTo: "Nils@Kiosken.se")

            let details = try await h.submit(codePage, action: AccountRoutes.signUpCode, ["code": code])
            #expect(details.status == .ok)
            for token in ["new-password", "given-name", "family-name"] { #expect(details.body.contains(#"autocomplete="\#(token)""#)) }
            #expect(details.body.contains("Genom att skapa kontot godkänner du integritetspolicyn")
                    && details.body.contains(#"<button type="submit" name="privacy" value="yes">Godkänn och skapa konto</button>"#),
                    "pressing the button is the acceptance: no checkbox, so Tab and Enter are enough")
            #expect(details.body.contains("\(AccountRoutes.privacy)?request="))

            // Every field's error, next to it, in Swedish; nothing is created.
            let refused = try await h.submit(details, action: AccountRoutes.signUpDetails, ["password": "kort", "given_name": " "])
            #expect(refused.status == .badRequest)
            #expect(refused.body.contains(#"<p class="error" id="password-error">Lösenordet måste ha minst 12 tecken.</p>"#))
            #expect(refused.body.contains(#"id="given_name-error">Skriv ditt namn"#))
            #expect(refused.body.contains("Du behöver godkänna integritetspolicyn för att skapa kontot."), "a post without the button's acceptance")
            #expect(try await h.services.store.account(email: "nils@kiosken.se") == nil)
            let common = try await h.submit(details, action: AccountRoutes.signUpDetails, ["password": "password1234", "given_name": "Nils"])
            #expect(common.body.contains("Lösenordet är för vanligt"))

            let created = try await h.submit(
                details, action: AccountRoutes.signUpDetails,
                ["password": OIDCHarness.password, "given_name": "Nils", "family_name": "Ek", "privacy": "yes"])
            let account = try #require(try await h.services.store.account(email: "nils@kiosken.se"))
            #expect(account.emailVerified && account.givenName == "Nils" && account.familyName == "Ek")
            #expect(account.privacyPolicyVersion == PrivacyPolicy.version && account.privacyPolicyAcceptedAt == h.clock.now.roundedToSeconds)
            let hash = try #require(try await h.services.store.passwordHash(accountID: account.id))
            #expect(hash.hasPrefix("$argon2id$v=19$m=19456,t=2,p=1$"))

            let code2 = try await h.followToCode(created)
            let tokens = try await h.exchange(code2).json
            let id = try await h.verify(try #require(tokens["id_token"] as? String), as: IDTokenClaims.self)
            #expect(id.sub.value == account.id && id.acr == "urn:portvakt:acr:password-otp" && id.amr == ["pwd", "otp", "mfa"])
            let events = try await h.services.store.auditEvents(limit: 50, before: nil).map(\.action)
            #expect(events.contains("account.created") && events.contains("code.sent") && events.contains("login.succeeded"))
        }
    }

    @Test func anAddressWithAnAccountGetsAMailSayingSoAndThePagesLookTheSame() async throws {
        try await OIDCHarness.run { h in
            let pendingID = try await h.pendingRequest()
            let emailPage = try await h.get("\(AccountRoutes.signUp)?request=\(pendingID)")
            let existing = try await h.submit(emailPage, action: AccountRoutes.signUp, ["email": "anna@pantbutiken.se"])
            let fresh = try await h.submit(emailPage, action: AccountRoutes.signUp, ["email": "ny@pantbutiken.se"])
            #expect(existing.status == fresh.status)
            func shape(_ body: String, _ email: String) -> String {
                body.replacingOccurrences(of: email, with: "ADDRESS").replacing(try! Regex(#"value="[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+""#), with: "TICKET")
            }
            #expect(shape(existing.body, "anna@pantbutiken.se") == shape(fresh.body, "ny@pantbutiken.se"))
            let mail = try #require(try await h.mails(to: "anna@pantbutiken.se").first)
            #expect(mail.subject == "Du har redan ett konto på Mina sidor")
            #expect(mail.text.firstMatch(of: try Regex(#"\d{6}"#)) == nil, "no code goes to an address that has an account")
            // A guessed code gets the same answers as anywhere else.
            let wrong = try await h.submit(existing, action: AccountRoutes.signUpCode, ["code": "000000"])
            #expect(wrong.body.contains("Koden stämmer inte. Du har 4 försök kvar."))
        }
    }

    @Test func wrongExpiredReusedAndSixthCodesAreRefusedWithTheRightMessage() async throws {
        try await OIDCHarness.run { h in
            let emailPage = try await h.get(AccountRoutes.signUp)
            let codePage = try await h.submit(emailPage, action: AccountRoutes.signUp, ["email": "tove@kiosken.se"])
            let code = try await h.code(mailedTo: "tove@kiosken.se")
            let wrong = code == "111111" ? "222222" : "111111"

            let malformed = try await h.submit(codePage, action: AccountRoutes.signUpCode, ["code": "12a"])
            #expect(malformed.status == .badRequest && malformed.body.contains("Koden har sex siffror."))
            for remaining in [4, 3, 2, 1] {
                let answer = try await h.submit(codePage, action: AccountRoutes.signUpCode, ["code": wrong])
                #expect(answer.status == .badRequest && answer.body.contains("Koden stämmer inte. Du har \(remaining) försök kvar."))
            }
            let fifth = try await h.submit(codePage, action: AccountRoutes.signUpCode, ["code": wrong])
            #expect(fifth.body.contains("För många felaktiga försök. Begär en ny kod."))
            let sixth = try await h.submit(codePage, action: AccountRoutes.signUpCode, ["code": code])
            #expect(sixth.status == .badRequest && sixth.body.contains("För många felaktiga försök. Begär en ny kod."), "the 6th try is refused, even with the right code")

            // A new code: the cooldown first, then it is sent and works once.
            let tooSoon = try await h.submit(codePage, action: AccountRoutes.signUpResend)
            #expect(tooSoon.body.contains("Vänta 30 sekunder innan du begär en ny kod."))
            h.clock.advance(31)
            let resent = try await h.submit(codePage, action: AccountRoutes.signUpResend)
            #expect(resent.body.contains("En ny kod är skickad."))
            let second = try await h.code(mailedTo: "tove@kiosken.se")
            let accepted = try await h.submit(codePage, action: AccountRoutes.signUpCode, ["code": second])
            #expect(accepted.status == .ok && accepted.body.contains(AccountRoutes.signUpDetails))
            let reused = try await h.submit(codePage, action: AccountRoutes.signUpCode, ["code": second])
            #expect(reused.body.contains("Koden är redan använd. Begär en ny kod."))

            // An expired code.
            h.clock.advance(31)
            _ = try await h.submit(codePage, action: AccountRoutes.signUpResend)
            let third = try await h.code(mailedTo: "tove@kiosken.se")
            h.clock.advance(OneTimeCode.lifetime + 1)
            let expired = try await h.submit(codePage, action: AccountRoutes.signUpCode, ["code": third])
            #expect(expired.body.contains("Koden har gått ut. Begär en ny kod."))
        }
    }

    @Test func oneClientCannotFloodStrangersWithCodes() async throws {
        try await OIDCHarness.run { h in
            let page = try await h.get(AccountRoutes.signUp)
            for index in 0..<30 {
                _ = try await h.submit(page, action: AccountRoutes.signUp, ["email": "person\(index)@example.se"])
            }
            let refused = try await h.submit(page, action: AccountRoutes.signUp, ["email": "one.more@example.se"])
            #expect(refused.body.contains("Ingen kod skickades: för många koder har begärts härifrån. Försök igen om 60 minuter."))
            #expect(try await h.mails(to: "one.more@example.se").isEmpty)
            #expect(try await h.services.store.mailQueue(limit: 100).count == 30)
        }
    }

    @Test func formsFromAnotherBrowserOrWithoutTheirTokenAreRefused() async throws {
        try await OIDCHarness.run { h in
            let emailPage = try await h.get(AccountRoutes.signUp)
            var form = try OIDCHarness.hiddenFields(emailPage.body, action: AccountRoutes.signUp)
            form["email"] = "eva@kiosken.se"
            form["csrf"] = "forged"
            let forged = try await h.post(AccountRoutes.signUp, form: form)
            #expect(forged.status == .badRequest && forged.body.contains("Formuläret har gått ut"))
            let codePage = try await h.submit(emailPage, action: AccountRoutes.signUp, ["email": "eva@kiosken.se"])
            let code = try await h.code(mailedTo: "eva@kiosken.se")
            let ticketForm = try OIDCHarness.hiddenFields(codePage.body, action: AccountRoutes.signUpCode)
            h.jar.clear()
            _ = try await h.get(AccountRoutes.signUp)
            let elsewhere = try await h.post(AccountRoutes.signUpCode, form: ticketForm.merging(["code": code]) { $1 })
            #expect(elsewhere.status == .badRequest && elsewhere.body.contains("Formuläret har gått ut"))
        }
    }

    @Test func pagesSpeakEnglishOnRequestAndSwitchLanguage() async throws {
        try await OIDCHarness.run { h in
            let pendingID = try await h.pendingRequest(["ui_locales": "en-GB sv"])
            let page = try await h.get("\(AccountRoutes.signUp)?request=\(pendingID)")
            #expect(page.body.contains(#"<html lang="en">"#) && page.body.contains("Send verification code"))
            #expect(page.body.contains(#"hreflang="sv""#) && page.body.contains("lang=sv"))
            let swedish = try await h.get("\(AccountRoutes.signUp)?request=\(pendingID)&lang=sv")
            #expect(swedish.body.contains("Skicka verifieringskod"))
            let byHeader = try await h.get(AccountRoutes.passwordLogin, headers: [.acceptLanguage: "en-US,en;q=0.9"])
            #expect(byHeader.body.contains(#"autocomplete="current-password""#) && byHeader.body.contains("Forgot your password?"))
            let policy = try await h.get(AccountRoutes.privacy + "?lang=en")
            #expect(policy.body.contains("Privacy policy") && policy.body.contains(PrivacyPolicy.version))
        }
    }
}

extension Date {
    var roundedToSeconds: Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}
