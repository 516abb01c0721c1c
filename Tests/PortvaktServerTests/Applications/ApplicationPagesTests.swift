import Foundation
import HTTPTypes
import PortvaktCore
import PortvaktCrypto
import PortvaktServer
import PortvaktStore
import Testing

/// A new customer's application in the account console: the way in beside linking, the form and its messages at
/// the fields, the duplicate checks and the budget, the application's page with its status, answering a request
/// for more information, withdrawing, and nobody else's application.
@Suite struct ApplicationPagesTests {
    let pages = BusinessPagesTests()

    /// A complete form for Kiosken AB.
    static let kiosken: [String: String] = [
        "org_number": "556677-8899", "name": "Kiosken AB", "kind": "retailer", "street_address": "Storgatan 1", "postal_code": "123 45",
        "city": "Umeå", "invoice_email": "faktura@kiosken.se", "phone": "090-12 34 56",
    ]

    /// The register's Pantbutiken with its organisation number, besides `BusinessPagesTests`' businesses.
    func run(_ body: @Sendable (OIDCHarness) async throws -> Void) async throws {
        try await pages.run { h in
            try await h.services.store.saveBusiness(Business(
                customerNumber: "0555550", name: "Gamla Pantboden", kind: .retailer, registeredEmail: "info@pantboden.se", pinHash: nil,
                createdAt: h.clock.now, organisationNumber: "5561234567"))
            try await body(h)
        }
    }

    /// The form, from the businesses page's "Ny kund?" way, posted with `fields` over Kiosken AB's.
    func apply(_ h: OIDCHarness, _ fields: [String: String] = [:], lang: String = "sv") async throws -> OIDCHarness.Answer {
        let list = try await h.get(BusinessRoutes.list + "?lang=\(lang)")
        let form = try await h.ask(list, action: ApplicationRoutes.new)
        #expect(form.status == .ok)
        return try await h.submit(form, action: ApplicationRoutes.new, Self.kiosken.merging(fields) { $1 })
    }

    func review(_ h: OIDCHarness) -> ApplicationReview {
        ApplicationReview(store: h.services.store, mail: h.services.mailQueue, configuration: h.services.configuration)
    }

    @Test func theBusinessesPageOffersTheNewCustomersWayBesideLinkingInBothLanguages() async throws {
        try await run { h in
            let page = try await pages.loggedIn(h, "karin@kiosken.se")
            #expect(page.body.contains("Ny kund? Anslut din verksamhet till pantsystemet") && page.body.contains(#"name="customer_number""#))
            #expect(page.body.contains(#"<form method="get" action="\#(ApplicationRoutes.new)">"#))
            let english = try await h.get(BusinessRoutes.list + "?lang=en")
            #expect(english.body.contains("New customer? Connect your business to the deposit system"))
            let form = try await h.ask(english, action: ApplicationRoutes.new)
            #expect(form.status == .ok && form.body.contains("You are applying as Karin Lund (karin@kiosken.se)."))
            for field in ApplicationDetails.Field.allCases {
                #expect(form.body.contains(#"<label for="\#(field.rawValue)">"#), "every input is labelled: \(field)")
            }
            #expect(form.body.contains(#"<option value="retailer">Retailer – a shop or other seller of deposit packaging</option>"#)
                && form.body.contains(#"<option value="producer">Producer – "#) && form.body.contains(#"<option value="importer">Importer – "#))
        }
    }

    @Test(arguments: [("sv", "Organisationsnumret stämmer inte. Kontrollera siffrorna."), ("en", "The organisation number is not valid. Check the digits.")])
    func aWrongOrganisationNumberIsRefusedAtItsField(_ lang: String, _ message: String) async throws {
        try await run { h in
            _ = try await pages.loggedIn(h, "karin@kiosken.se")
            let refused = try await apply(h, ["org_number": "556677-8898", "postal_code": "12"], lang: lang)
            #expect(refused.status == .badRequest)
            #expect(refused.body.contains(#"id="org_number-error">\#(message)</p>"#), "\(refused.body)")
            #expect(refused.body.contains(#"aria-invalid="true" aria-describedby="org_number-hint org_number-error""#), "the message is read with the field")
            #expect(refused.body.contains(#"aria-describedby="postal_code-error""#) && refused.body.contains(#"value="Kiosken AB""#), "the rest is kept")
            let short = try await apply(h, ["org_number": "55667788"], lang: lang)
            #expect(short.status == .badRequest && short.body.contains(lang == "sv" ? "har 10 siffror" : "has 10 digits"))
            #expect(try await h.services.store.applications(statuses: [], limit: 10).isEmpty)
        }
    }

    @Test func noKindIsChosenAtFirstSoASkippedChoiceIsRefusedAtItsFieldAndAChosenOneIsKept() async throws {
        try await run { h in
            let page = try await pages.loggedIn(h, "karin@kiosken.se")
            let form = try await h.ask(page, action: ApplicationRoutes.new)
            #expect(form.body.contains(#"<label for="kind">Typ av verksamhet</label>"#)
                && form.body.contains(#"<select id="kind" name="kind"><option value="" selected>Välj …</option><option value="retailer">"#),
                "\(form.body)")
            let skipped = try await h.submit(form, action: ApplicationRoutes.new, Self.kiosken.merging(["kind": ""]) { $1 })
            #expect(skipped.status == .badRequest && skipped.body.contains(#"id="kind-error">Välj typ av verksamhet.</p>"#))
            #expect(skipped.body.contains(#"<select id="kind" name="kind" aria-invalid="true" aria-describedby="kind-error"><option value="" selected>"#))
            #expect(!skipped.body.contains(#"<option value="retailer" selected>"#), "never a retailer by default")
            let chosen = try await h.submit(form, action: ApplicationRoutes.new, Self.kiosken.merging(["kind": "producer", "postal_code": "1"]) { $1 })
            #expect(chosen.status == .badRequest && chosen.body.contains(#"<option value="producer" selected>"#)
                && chosen.body.contains(#"<option value="">Välj …</option>"#), "the chosen kind is kept on a refused form")
            #expect(try await h.services.store.applications(statuses: [], limit: 10).isEmpty)
        }
    }

    @Test func aSentApplicationHasItsPageWithTheReferenceAndStatusAndTheMailIsQueued() async throws {
        try await run { h in
            _ = try await pages.loggedIn(h, "karin@kiosken.se")
            // The 12-digit form with 16 first, normalised.
            let sent = try await apply(h, ["org_number": "165566778899"])
            #expect(sent.status == .seeOther)
            let location = try #require(sent.location)
            #expect(location.hasPrefix(ApplicationRoutes.application(1) + "?"))
            let page = try await h.get(location)
            #expect(page.status == .ok && page.body.contains("Ansökan A-000001") && page.body.contains("Status: Inskickad"))
            #expect(page.body.contains("Referensnummer: A-000001") && page.body.contains("556677-8899") && page.body.contains("123 45"))
            let mail = try #require(try await h.mails(to: "karin@kiosken.se").first { $0.subject == "Vi har tagit emot din ansökan" })
            #expect(mail.text.contains("A-000001") && mail.text.contains(ApplicationRoutes.application(1)))
            let stored = try #require(try await h.services.store.application(id: 1))
            #expect(stored.details.organisationNumber.digits == "5566778899" && stored.applicant.personalNumber == nil && stored.applicant.language == .sv)
            let account = try await h.get(AccountRoutes.account)
            #expect(account.body.contains(#"href="\#(ApplicationRoutes.application(1))?lang=sv">Ansökan A-000001, Kiosken AB: Inskickad</a>"#))
            let list = try await h.get(BusinessRoutes.list)
            #expect(list.body.contains("Ansökan A-000001, Kiosken AB: Inskickad"))
            let english = try await h.get(ApplicationRoutes.application(1) + "?lang=en")
            #expect(english.body.contains("Status: Submitted") && english.body.contains("Withdraw application"))
        }
    }

    @Test func aBankIDSessionRecordsThePersonnummerAndAPasswordSessionDoesNot() async throws {
        try await run { h in
            let account = Account(
                id: "acc-bankid", email: "per@kiosken.se", emailVerified: true, givenName: "Per", familyName: "Holm", locale: "sv-SE",
                createdAt: h.clock.now, personalNumber: "198112189876")
            try await h.services.store.createAccount(account)
            h.jar.clear()
            h.jar.keep([.setCookie: try await h.login(account.id, amr: ["swk"])])
            #expect(try await apply(h).status == .seeOther)
            #expect(try await h.services.store.application(id: 1)?.applicant.personalNumber == "198112189876")
            h.jar.clear()
            h.jar.keep([.setCookie: try await h.login(account.id, amr: ["pwd", "otp", "mfa"])])
            #expect(try await apply(h, ["org_number": "556036-0793"]).status == .seeOther)
            #expect(try await h.services.store.application(id: 2)?.applicant.personalNumber == nil)
        }
    }

    @Test func anAccountWithoutANameIsStoredWithoutOneAndNamedByItsAddressOnTheApplicantsPageAndAtTheDesk() async throws {
        try await run { h in
            let account = Account(
                id: "acc-nameless", email: "a@b.se", emailVerified: true, givenName: nil, familyName: nil, locale: "sv-SE", createdAt: h.clock.now)
            try await h.services.store.createAccount(account)
            try await h.browse(as: account.id, amr: OIDCHarness.passwordAMR)
            let list = try await h.get(BusinessRoutes.list + "?lang=sv")
            let form = try await h.ask(list, action: ApplicationRoutes.new)
            #expect(form.body.contains("Du ansöker som a@b.se.") && !form.body.contains("a@b.se (a@b.se)"), "\(form.body)")
            let sent = try await h.submit(form, action: ApplicationRoutes.new, Self.kiosken)
            #expect(sent.status == .seeOther)
            #expect(try await h.services.store.application(id: 1)?.applicant.name == "", "the name as the account has it")
            let page = try await h.get(ApplicationRoutes.application(1))
            #expect(page.body.contains("<dd>a@b.se</dd>") && !page.body.contains("a@b.se, a@b.se"), "\(page.body)")

            try await h.staffAccount("acc-reviewer", email: "karin@pantsystemet.se", givenName: "Karin", familyName: "Lund", roles: [.reviewer])
            try await h.browse(as: "acc-reviewer")
            let queue = try await h.get(StaffRoutes.desk + "?lang=sv")
            #expect(queue.status == .ok && queue.body.contains("a@b.se") && !queue.body.contains("(a@b.se)"), "\(queue.body)")
        }
    }

    @Test func aNumberInTheRegisterLeadsToLinkingAndOneUnderReviewSaysSoWithoutWho() async throws {
        try await run { h in
            _ = try await pages.loggedIn(h, "karin@kiosken.se")
            let registered = try await apply(h, ["org_number": "556123-4567"])
            #expect(registered.status == .badRequest
                && registered.body.contains(#"id="org_number-error">Verksamheten med det här organisationsnumret finns redan i pantsystemet."#))
            #expect(registered.body.contains(#"<a href="\#(BusinessRoutes.list)?lang=sv">Koppla konto med kundnummer</a>"#))
            #expect(try await apply(h).status == .seeOther)
            _ = try await pages.loggedIn(h, "olle@example.se")
            let underReview = try await apply(h, ["name": "Olles Kiosk"])
            #expect(underReview.status == .badRequest && underReview.body.contains("En ansökan för det här organisationsnumret granskas redan."))
            #expect(!underReview.body.contains("karin@kiosken.se"), "never who applied")
            let english = try await apply(h, ["name": "Olles Kiosk"], lang: "en")
            #expect(english.body.contains("An application for this organisation number is already being reviewed."))
            #expect(try await h.services.store.applications(statuses: [], limit: 10).count == 1)
        }
    }

    @Test func theChecksSpendTheAccountsBudgetSoTheRegisterCannotBeListed() async throws {
        try await run { h in
            _ = try await pages.loggedIn(h, "eve@example.se")
            for _ in 0..<Limits.applicationsPerAccount.budget! {
                #expect(try await apply(h, ["org_number": "556123-4567"]).status == .badRequest)
            }
            let stopped = try await apply(h)
            #expect(stopped.status == .tooManyRequests && stopped.body.contains("Du har skickat för många ansökningar. Försök igen efter"))
            #expect(!stopped.body.contains("granskas") && !stopped.body.contains("finns redan"), "nothing is looked up")
            #expect(try await h.services.store.applications(statuses: [], limit: 10).isEmpty)
            let refusals = try await h.services.store.auditEvents(limit: 100, before: nil).filter { $0.action == "application.refused" }
            #expect(refusals.filter { $0.details["reason"] == "registered" }.count == 10 && refusals.filter { $0.details["reason"] == "limit" }.count == 1)
            let notCounted = try await apply(h, ["org_number": "1"])
            #expect(notCounted.status == .badRequest && !notCounted.body.contains("Försök igen efter"), "a form refused at its fields looks nothing up")
            _ = try await pages.loggedIn(h, "karin@kiosken.se")
            #expect(try await apply(h).status == .seeOther, "another account's budget is its own")
        }
    }

    @Test func theApplicantAnswersARequestForMoreInformation() async throws {
        try await run { h in
            _ = try await pages.loggedIn(h, "karin@kiosken.se")
            let page = try await h.get(try #require(try await apply(h).location))
            #expect(!page.body.contains(#"name="answer""#), "no answer form before a question")
            let change = try await review(h).decide(
                id: 1, .requestInformation(message: "Vilka förpackningar säljer ni?"), actor: "cli", reviewer: nil, source: nil, now: h.clock.now)
            guard case .changed = change else { Issue.record("\(change)"); return }
            let asked = try await h.get(ApplicationRoutes.application(1))
            #expect(asked.body.contains("Status: Komplettering begärd") && asked.body.contains("Vilka förpackningar säljer ni?"))
            #expect(asked.body.contains(#"<textarea id="answer" name="answer""#) && !asked.body.contains(#"name="org_number""#)
                && asked.body.contains("Organisationsnummer: 556677-8899"))
            #expect(asked.body.contains(#"value="Umeå""#), "the form is filled with the details sent")
            let empty = try await h.submit(asked, action: ApplicationRoutes.answer(1), Self.kiosken.merging(["answer": " ", "phone": "12"]) { $1 })
            #expect(empty.status == .badRequest && empty.body.contains(#"aria-describedby="answer-hint answer-error""#)
                && empty.body.contains(#"id="phone-error">Skriv ett telefonnummer med 7 till 15 siffror"#))
            let tooLong = try await h.submit(asked, action: ApplicationRoutes.answer(1), ["answer": String(repeating: "x", count: 2001)])
            #expect(tooLong.status == .badRequest && tooLong.body.contains("Skriv högst 2000 tecken."))
            let answered = try await h.submit(
                asked, action: ApplicationRoutes.answer(1),
                Self.kiosken.merging(["answer": "Burkar och PET-flaskor.", "city": "Skellefteå", "org_number": "556123-4567"]) { $1 })
            #expect(answered.status == .seeOther)
            let after = try await h.get(try #require(answered.location))
            #expect(after.body.contains("Status: Inskickad") && after.body.contains("Ansökan är skickad igen och granskas på nytt."))
            let stored = try #require(try await h.services.store.application(id: 1))
            #expect(stored.status == .submitted && stored.answer == "Burkar och PET-flaskor." && stored.details.city == "Skellefteå")
            #expect(stored.details.organisationNumber.digits == "5566778899", "the organisation number stays the application's own")
            let again = try await h.submit(asked, action: ApplicationRoutes.answer(1), Self.kiosken.merging(["answer": "Igen."]) { $1 })
            #expect(again.status == .conflict && again.body.contains("Ansökan väntar inte på något svar från dig just nu."))
        }
    }

    @Test func theApplicantWithdrawsAfterAConfirmStepAndASecondSubmitSaysItIsDone() async throws {
        try await run { h in
            _ = try await pages.loggedIn(h, "karin@kiosken.se")
            let page = try await h.get(try #require(try await apply(h).location))
            let confirm = try await h.ask(page, action: ApplicationRoutes.withdraw(1))
            #expect(confirm.body.contains("Återkalla ansökan A-000001?") && confirm.body.contains(#"name="confirm" value="yes""#))
            #expect(try await h.services.store.application(id: 1)?.status == .submitted, "asking changes nothing")
            let withdrawn = try await h.submit(confirm, action: ApplicationRoutes.withdraw(1), ["confirm": "yes"])
            #expect(withdrawn.status == .seeOther)
            let after = try await h.get(try #require(withdrawn.location))
            #expect(after.body.contains("Status: Återkallad") && after.body.contains("Ansökan är återkallad.") && !after.body.contains(ApplicationRoutes.withdraw(1)))
            let twice = try await h.submit(confirm, action: ApplicationRoutes.withdraw(1), ["confirm": "yes"])
            #expect(twice.status == .conflict && twice.body.contains("Ansökan är redan återkallad."))
            let confirmAgain = try await h.get(ApplicationRoutes.withdraw(1))
            #expect(confirmAgain.status == .conflict && confirmAgain.body.contains("Ansökan är redan återkallad."))
            let events = try await h.services.store.applicationHistory(id: 1)
            #expect(events.map(\.action) == ["application.submitted", "application.withdrawn"])
            #expect(try await apply(h).status == .seeOther, "the number may be applied for again")
        }
    }

    @Test func aDecidedApplicationShowsTheReasonOrTheWayToActivation() async throws {
        try await run { h in
            _ = try await pages.loggedIn(h, "karin@kiosken.se")
            _ = try await apply(h)
            _ = try await apply(h, ["org_number": "556036-0793", "name": "Andra Kiosken"])
            _ = try await review(h).decide(id: 1, .reject(reason: "Verksamheten säljer inga förpackningar med pant."), actor: "cli", reviewer: nil, source: nil, now: h.clock.now)
            _ = try await review(h).decide(id: 2, .approve, actor: "cli", reviewer: nil, source: nil, now: h.clock.now)
            let rejected = try await h.get(ApplicationRoutes.application(1))
            #expect(rejected.body.contains("Status: Avslagen") && rejected.body.contains("Verksamheten säljer inga förpackningar med pant."))
            #expect(!rejected.body.contains(ApplicationRoutes.withdraw(1)))
            let approved = try await h.get(ApplicationRoutes.application(2) + "?lang=en")
            #expect(approved.body.contains("Status: Approved") && approved.body.contains("has customer number 9000000"))
            #expect(approved.body.contains(#"href="\#(BusinessRoutes.business("9000000"))/activate?lang=en""#))
            let activation = try await h.get(BusinessRoutes.business("9000000") + "/activate")
            #expect(activation.status == .ok, "the applicant is the new business's administrator")
            let csrf = try pages.csrf(try await h.get(AccountRoutes.account))
            let refused = try await h.post(ApplicationRoutes.withdraw(2), form: ["csrf": csrf, "lang": "sv", "confirm": "yes"])
            #expect(refused.status == .conflict && refused.body.contains("Ansökan är redan avgjord (godkänd) och kan inte ändras."))
        }
    }

    @Test func nobodyElseSeesOrChangesAnApplicationAndAFormWithoutItsTokenChangesNothing() async throws {
        try await run { h in
            _ = try await pages.loggedIn(h, "karin@kiosken.se")
            _ = try await apply(h)
            _ = try await pages.loggedIn(h, "olle@example.se")
            let csrf = try pages.csrf(try await h.get(AccountRoutes.account))
            for path in [ApplicationRoutes.application(1), ApplicationRoutes.withdraw(1), ApplicationRoutes.application(2), "/account/applications/x"] {
                let answer = try await h.get(path)
                #expect(answer.status == .notFound && !answer.body.contains("Kiosken"), "\(path)")
            }
            let withdraw = try await h.post(ApplicationRoutes.withdraw(1), form: ["csrf": csrf, "lang": "sv", "confirm": "yes"])
            #expect(withdraw.status == .notFound)
            #expect(try await h.services.store.application(id: 1)?.status == .submitted)
            let forged = try await h.post(ApplicationRoutes.new, form: Self.kiosken.merging(["org_number": "556036-0793", "lang": "sv"]) { $1 })
            #expect(forged.status == .badRequest && !forged.body.contains("Kiosken AB"), "the expired page")
            #expect(try await h.services.store.applications(statuses: [], limit: 10).count == 1)
            // The mail's link, opened logged out, goes to the login first and comes back to the page.
            h.jar.clear()
            let loggedOut = try await h.get(ApplicationRoutes.application(1) + "?lang=sv")
            #expect(loggedOut.status == .found && loggedOut.location?.hasPrefix(PendingRoutes.login + "?return=") == true)
        }
    }
}
