import Foundation
import HTTPTypes
import PortvaktCore
import PortvaktCrypto
import PortvaktServer
import PortvaktStore
import Testing

/// A new customer's application inside an authorization that asks for `business`: "Ny kund?" on the onboarding
/// page, the form, the status with "Avbryt" while it is open, and once approved the activation and the business in
/// the `business` claim.
@Suite struct PendingApplicationTests {
    let onboarding = BusinessOnboardingTests()
    let applications = ApplicationPagesTests()

    @Test func aNewCustomerAppliesInTheFlowIsApprovedActivatesAndArrivesWithTheNewBusiness() async throws {
        try await applications.run { h in
            let (_, start) = try await onboarding.authorize(h, email: "karin@kiosken.se")
            let page = try await h.get(try #require(start.location))
            #expect(page.body.contains("Ny kund? Anslut din verksamhet till pantsystemet") && page.body.contains(PendingRoutes.onboardingCancelPath))
            let form = try await h.ask(page, action: ApplicationRoutes.pendingApply)
            #expect(form.status == .ok && form.body.contains("Du ansöker som Karin Lund (karin@kiosken.se).") && form.body.contains(#"name="csrf""#))
            let wrong = try await h.submit(form, action: ApplicationRoutes.pendingApply, ApplicationPagesTests.kiosken.merging(["org_number": "556677-8898"]) { $1 })
            #expect(wrong.status == .badRequest && wrong.body.contains(#"id="org_number-error">Organisationsnumret stämmer inte."#))
            let registered = try await h.submit(form, action: ApplicationRoutes.pendingApply, ApplicationPagesTests.kiosken.merging(["org_number": "5561234567"]) { $1 })
            #expect(registered.status == .badRequest && registered.body.contains("Koppla konto med kundnummer</a>"))
            let sent = try await h.submit(form, action: ApplicationRoutes.pendingApply, ApplicationPagesTests.kiosken)
            #expect(sent.status == .seeOther)
            let status = try await h.get(try #require(sent.location))
            #expect(status.body.contains("Din ansökan A-000001 för Kiosken AB har status inskickad.") && status.body.contains("Referensnummer: A-000001"))
            #expect(status.body.contains(PendingRoutes.onboardingCancelPath) && !status.body.contains(#"name="customer_number""#))
            #expect(try await h.mails(to: "karin@kiosken.se").contains { $0.subject == "Vi har tagit emot din ansökan" })
            // Asked for more information, the page says so; the applicant answers in the console.
            _ = try await applications.review(h).decide(id: 1, .requestInformation(message: "Vilken ort?"), actor: "cli", reviewer: nil, source: nil, now: h.clock.now)
            let asked = try await h.get(try #require(sent.location))
            #expect(asked.body.contains("har status komplettering begärd") && asked.body.contains(ApplicationRoutes.application(1)))
            // Approved: the applicant is the administrator of the new business, not yet activated; the page activates it.
            let approval = try await applications.review(h).decide(id: 1, .approve, actor: "cli", reviewer: nil, source: nil, now: h.clock.now)
            guard case .changed(let approved) = approval else { Issue.record("\(approval)"); return }
            #expect(approved.customerNumber == "9000000")
            let activation = try await h.get(try #require(sent.location))
            #expect(activation.body.contains("Aktivera verksamhet") && activation.body.contains("Kiosken AB"), "\(activation.body)")
            let activated = try await h.submit(activation, action: PendingRoutes.onboardingActivatePath)
            #expect(activated.status == .seeOther)
            let claims = try await onboarding.tokens(h, try await h.get(try #require(activated.location)))
            #expect((claims["business"] as? [String: Any])?["customer_number"] as? String == "9000000")
            #expect(try await h.services.store.business(customerNumber: "9000000")?.organisationNumber == "5566778899")
        }
    }

    @Test func anOpenApplicationsStatusHasAvbrytWhichAnswersAccessDeniedInBothLanguages() async throws {
        try await applications.run { h in
            let (_, start) = try await onboarding.authorize(h, email: "karin@kiosken.se")
            let location = try #require(start.location)
            let page = try await h.get(location + "&lang=en")
            #expect(page.body.contains("New customer? Connect your business to the deposit system"))
            let form = try await h.ask(page, action: ApplicationRoutes.pendingApply)
            let wrong = try await h.submit(form, action: ApplicationRoutes.pendingApply, ApplicationPagesTests.kiosken.merging(["org_number": "55667788"]) { $1 })
            #expect(wrong.status == .badRequest && wrong.body.contains("An organisation number has 10 digits"))
            let sent = try await h.submit(form, action: ApplicationRoutes.pendingApply, ApplicationPagesTests.kiosken)
            let status = try await h.get(try #require(sent.location))
            #expect(status.body.contains("Your application A-000001 for Kiosken AB has the status submitted."))
            let forged = try await h.post(PendingRoutes.onboardingCancelPath, form: try OIDCHarness.hiddenFields(status.body, action: PendingRoutes.onboardingCancelPath)
                .merging(["csrf": "nope"]) { $1 })
            #expect(forged.status == .badRequest, "the expired page")
            let cancelled = try await h.submit(status, action: PendingRoutes.onboardingCancelPath)
            #expect(cancelled.redirectParameters["error"] == "access_denied" && cancelled.redirectParameters["state"] == "st-123")
            #expect(try await h.services.store.application(id: 1)?.status == .submitted, "cancelling the login leaves the application open")
        }
    }

    @Test func theFlowsFormNeedsItsTokenAndItsSession() async throws {
        try await applications.run { h in
            let (_, start) = try await onboarding.authorize(h, email: "karin@kiosken.se")
            let page = try await h.get(try #require(start.location))
            let form = try await h.ask(page, action: ApplicationRoutes.pendingApply)
            var fields = try OIDCHarness.hiddenFields(form.body, action: ApplicationRoutes.pendingApply).merging(ApplicationPagesTests.kiosken) { $1 }
            fields["csrf"] = nil
            let forged = try await h.post(ApplicationRoutes.pendingApply, form: fields)
            #expect(forged.status == .badRequest)
            #expect(try await h.services.store.applications(statuses: [], limit: 10).isEmpty)
        }
    }
}
