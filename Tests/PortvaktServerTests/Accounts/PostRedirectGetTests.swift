import Foundation
import HTTPTypes
import PortvaktCore
import PortvaktServer
import PortvaktStore
import Testing

/// Issue 14, item 1: a flow step that succeeds answers 303 to a GET page, so Back and reload show that page
/// again; an expired or foreign form offers "Börja om" back to the relying party's login.
@Suite struct PostRedirectGetTests {
    @Test func signUpStepsAnswer303ToPagesThatReloadHarmlessly() async throws {
        try await OIDCHarness.run { h in
            let pendingID = try await h.pendingRequest()
            let emailPage = try await h.get("\(AccountRoutes.signUp)?request=\(pendingID)")
            let form = try OIDCHarness.hiddenFields(emailPage.body, action: AccountRoutes.signUp)
            let sent = try await h.post(AccountRoutes.signUp, form: form.merging(["email": "nils@kiosken.se"]) { $1 })
            let codeURL = try #require(sent.location)
            #expect(sent.status == .seeOther && codeURL.hasPrefix("\(AccountRoutes.signUpCode)?request=\(pendingID)&"), "\(sent.status) \(codeURL)")
            let codePage = try await h.get(codeURL)
            let reloaded = try await h.get(codeURL)
            #expect(codePage.status == .ok && reloaded.status == .ok && codePage.body.contains("Verifieringskoden har skickats till din inkorg"))
            #expect(try await h.mails(to: "nils@kiosken.se").count == 1, "a reload sends nothing")
            let codeForm = try OIDCHarness.hiddenFields(codePage.body, action: AccountRoutes.signUpCode)
            let verified = try await h.post(
                AccountRoutes.signUpCode, form: codeForm.merging(["code": try await h.code(mailedTo: "nils@kiosken.se")]) { $1 })
            let detailsURL = try #require(verified.location)
            #expect(verified.status == .seeOther && detailsURL.hasPrefix(AccountRoutes.signUpDetails + "?"))
            let details = try await h.get(detailsURL)
            #expect(details.status == .ok && details.body.contains("integritetspolicyn"))
            // Back from the details page shows the code page again, a GET, not a resubmission.
            #expect(try await h.get(codeURL).status == .ok)
        }
    }

    @Test func passwordLoginAnswers303ToTheCodePage() async throws {
        try await OIDCHarness.run { h in
            _ = try await h.passwordAccount(email: "karin@kiosken.se")
            let page = try await h.get(AccountRoutes.passwordLogin)
            let form = try OIDCHarness.hiddenFields(page.body, action: AccountRoutes.passwordLogin)
            let answer = try await h.post(
                AccountRoutes.passwordLogin, form: form.merging(["email": "karin@kiosken.se", "password": OIDCHarness.password]) { $1 })
            #expect(answer.status == .seeOther && answer.location?.hasPrefix(AccountRoutes.passwordLoginCode + "?") == true)
            let codePage = try await h.get(try #require(answer.location))
            #expect(codePage.status == .ok && codePage.body.contains(#"autocomplete="one-time-code""#))
        }
    }

    @Test func anExpiredOrForeignStepOffersBörjaOmBackToTheRelyingPartysLogin() async throws {
        try await OIDCHarness.run { h in
            let pendingID = try await h.pendingRequest()
            let forged = try await h.get("\(AccountRoutes.signUpCode)?request=\(pendingID)&lang=sv&ticket=not-a-ticket")
            #expect(forged.status == .badRequest && forged.body.contains("Formuläret har gått ut"))
            #expect(forged.body.contains(#"href="/login?request=\#(pendingID)&amp;lang=sv">Börja om</a>"#), "\(forged.body)")
            let posted = try await h.post(AccountRoutes.signUpDetails, form: ["request": pendingID, "lang": "sv", "ticket": "x"])
            #expect(posted.body.contains("/login?request=\(pendingID)") && posted.body.contains("Börja om"))
        }
    }
}
