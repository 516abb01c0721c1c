import Foundation
import HTTPTypes
import PortvaktBankIDSimulator
import PortvaktCore
import PortvaktCrypto
import PortvaktStore
import Testing

@testable import PortvaktServer

/// The staff desk at the router level: who may use it (roles, login method, the session's age and activity), the
/// queue, one application's page, and the reviewer's decisions with their mails, races and refusals.
@Suite struct StaffDeskTests {
    static let reviewer = "acc-karin"
    static let secondReviewer = "acc-per"
    static let support = "acc-sara"
    static let administrator = "acc-admin"
    /// The applicant writes in English; the reviewers' pages are Swedish.
    static let applicant = Applicant(
        accountID: OIDCHarness.accountID, name: "Anna Svensson", email: "anna@pantbutiken.se", personalNumber: "199001012385", language: .en)

    /// A server with two reviewers, a support member, a business administrator without a staff role, and an
    /// application sent two days ago.
    func run(_ settings: [String: Any] = [:], _ body: @Sendable (OIDCHarness, BusinessApplication) async throws -> Void) async throws {
        try await OIDCHarness.run(settings) { h in
            try await h.staffAccount(Self.reviewer, email: "karin@pantsystemet.se", givenName: "Karin", familyName: "Lund", roles: [.reviewer])
            try await h.staffAccount(Self.secondReviewer, email: "per@pantsystemet.se", givenName: "Per", familyName: "Ek", roles: [.reviewer])
            try await h.staffAccount(Self.support, email: "sara@pantsystemet.se", givenName: "Sara", familyName: "Berg", roles: [.support])
            try await h.staffAccount(Self.administrator, email: "olle@kiosken.se", givenName: "Olle", familyName: "Ström", roles: [])
            try await h.services.store.saveBusiness(Business(
                customerNumber: "0123436", name: "Pantbutiken", kind: .retailer, registeredEmail: "panta@pantbutiken.se", pinHash: nil,
                createdAt: h.clock.now, organisationNumber: "5561234567"))
            _ = try await h.services.store.linkFirstAdministrator(customerNumber: "0123436", accountID: Self.administrator, at: h.clock.now)
            let application = try await h.apply(Self.applicant)
            h.clock.advance(2 * 86_400 + 600)
            try await body(h, application)
        }
    }

    /// The application's page for the browser's reviewer.
    func page(_ h: OIDCHarness, _ application: BusinessApplication) async throws -> OIDCHarness.Answer {
        try await h.get(StaffRoutes.application(application.id))
    }

    /// Approves as a browser does: the page's button, then the confirm step's.
    func approve(_ h: OIDCHarness, _ application: BusinessApplication) async throws -> OIDCHarness.Answer {
        let asked = try await h.submit(try await page(h, application), action: "/staff/applications/\(application.id)/approve")
        #expect(asked.status == .seeOther)
        let confirm = try await h.get(try #require(asked.location))
        #expect(confirm.status == .ok && confirm.body.contains("Godkänna ansökan \(application.reference)?") && confirm.body.contains("Avbryt"))
        return try await h.submit(confirm, action: "/staff/applications/\(application.id)/approve", ["confirm": "yes"])
    }

    // MARK: - Who may use the desk

    @Test func loggedOutTheDeskSendsToTheLoginAndAnAccountWithoutAStaffRoleFindsNoDesk() async throws {
        try await run { h, application in
            let loggedOut = try await h.get(StaffRoutes.desk)
            #expect(loggedOut.status == .found && loggedOut.location?.hasPrefix("\(PendingRoutes.login)?return=") == true)
            try await h.browse(as: Self.administrator)
            for path in [StaffRoutes.desk, StaffRoutes.application(application.id)] {
                let answer = try await h.get(path)
                #expect(answer.status == .notFound && answer.body.contains("Sidan finns inte") && !answer.body.contains("Ansökningar"), "\(answer.body)")
            }
        }
    }

    @Test func supportStaffAndBusinessAdministratorsCannotApprove() async throws {
        try await run { h, application in
            let path = "/staff/applications/\(application.id)/approve"
            try await h.browse(as: Self.support)
            #expect(try await h.get(StaffRoutes.desk).status == .forbidden)
            let csrf = try await h.accountCSRF()
            let bySupport = try await h.post(path, form: ["csrf": csrf, "lang": "sv", "confirm": "yes"])
            #expect(bySupport.status == .forbidden && bySupport.body.contains("behörighet"), "\(bySupport.body)")
            try await h.browse(as: Self.administrator)
            let byAdministrator = try await h.post(path, form: ["csrf": try await h.accountCSRF(), "lang": "sv", "confirm": "yes"])
            #expect(byAdministrator.status == .notFound)
            let after = try #require(try await h.services.store.application(id: application.id))
            #expect(after.status == .submitted && after.customerNumber == nil)
            #expect(try await h.services.store.businesses(organisationNumber: "5566778899").isEmpty)
            #expect(try await h.services.store.applicationHistory(id: application.id).map(\.action) == ["application.submitted"])
            // A staff role gives no power in a business: the reviewer is no member of Pantbutiken.
            try await h.browse(as: Self.reviewer)
            #expect(try await h.get(BusinessRoutes.business("0123436")).status == .notFound)
        }
    }

    @Test func aReviewerDoesNotDecideTheirOwnApplication() async throws {
        try await run { h, _ in
            let own = try await h.apply(
                Applicant(accountID: Self.reviewer, name: "Karin Lund", email: "karin@pantsystemet.se", personalNumber: nil, language: .sv),
                organisationNumber: "5590001110", name: "Karins Kiosk")
            try await h.browse(as: Self.reviewer)
            let page = try await h.get(StaffRoutes.application(own.id))
            #expect(page.status == .ok && page.body.contains("Det här är din egen ansökan") && !page.body.contains("Godkänn ansökan"))
            let csrf = try await h.accountCSRF()
            let refused = try await h.post(StaffRoutes.approve(own.id), form: ["csrf": csrf, "lang": "sv", "confirm": "yes"])
            #expect(refused.status == .forbidden && refused.body.contains("Det här är din egen ansökan"))
            let asking = try await h.post(StaffRoutes.requestInformation(own.id), form: ["csrf": csrf, "lang": "sv", "message": "?"])
            let rejecting = try await h.post(StaffRoutes.reject(own.id), form: ["csrf": csrf, "lang": "sv", "reason": "incomplete"])
            #expect(asking.status == .forbidden && rejecting.status == .forbidden && rejecting.body.contains("Det här är din egen ansökan"))
            let confirm = try await h.get(StaffRoutes.approve(own.id))
            #expect(confirm.status == .seeOther && confirm.location?.hasPrefix(StaffRoutes.application(own.id)) == true, "no confirm step")
            #expect(try await h.services.store.application(id: own.id)?.status == .submitted)
            #expect(try await h.services.store.applicationHistory(id: own.id).map(\.action) == ["application.submitted"])
            try await h.browse(as: Self.secondReviewer)
            #expect(try await h.get(StaffRoutes.application(own.id)).body.contains("Godkänn ansökan"), "another reviewer decides it")
        }
    }

    @Test func aPostWithoutItsCSRFTokenGetsTheExpiredPageAndChangesNothing() async throws {
        try await run { h, application in
            try await h.browse(as: Self.reviewer)
            let answer = try await h.post("/staff/applications/\(application.id)/approve", form: ["lang": "sv", "confirm": "yes"])
            #expect(answer.status == .badRequest && answer.body.contains("Formuläret har gått ut"), "\(answer.body)")
            #expect(try await h.services.store.application(id: application.id)?.status == .submitted)
        }
    }

    @Test func aSessionWithoutBankIDIsSentToLogInWithBankIDAndComesBackToTheDesk() async throws {
        let settings: [String: Any] = ["bankid": ["url": "simulator", "identities_file": "conf/bankid-test-identities.json"]]
        try await run(settings) { h, application in
            // A reviewer whose BankID identity is the test identities' Olle.
            try await h.staffAccount(
                "acc-olle", email: "olle@pantsystemet.se", givenName: "Olle", familyName: "Yngström", roles: [.reviewer],
                personalNumber: BankIDLoginTests.olle)
            try await h.browse(as: "acc-olle", amr: OIDCHarness.passwordAMR)
            let refused = try await h.get(StaffRoutes.desk)
            #expect(refused.status == .forbidden && refused.body.contains("kräver att du har loggat in med BankID"), "\(refused.body)")
            let posted = try await h.post("/staff/applications/\(application.id)/approve", form: ["csrf": try await h.accountCSRF(), "confirm": "yes"])
            #expect(posted.status == .forbidden && !posted.body.contains("Ansökningar"))
            #expect(try await h.services.store.application(id: application.id)?.status == .submitted)

            let link = OIDCHarness.unescape(String(try #require(refused.body.firstMatch(of: /href="(\/login\/bankid\?[^"]+)"/)?.1)))
            #expect(link.contains("return="))
            let choice = try await h.get(link)
            #expect(choice.status == .ok && choice.body.contains("Vill du använda BankID"))
            let started = try await h.submit(choice, action: BankIDRoutes.start, ["start": "same-device"])
            let location = try #require(started.location)
            let id = try #require(URLComponents(string: location)?.queryItems?.first { $0.name == "id" }?.value)
            let order = try #require(try await h.services.store.bankIDOrder(id: id, seenAt: nil))
            let simulator = try #require(h.bankIDSimulator)
            let session = try await simulator.open(autoStartToken: order.autoStartToken)
            try await simulator.identify(session: session, personalNumber: BankIDLoginTests.olle, personalCode: "123456")
            h.clock.advance(3)
            let finished = try await h.get(location)
            let done = try await h.get(try #require(finished.location))
            #expect(done.status == .seeOther && done.location == StaffRoutes.desk, "the new login comes back to the desk: \(done.location ?? done.body)")
            let desk = try await h.get(StaffRoutes.desk)
            #expect(desk.status == .ok && desk.body.contains(application.reference))
        }
    }

    @Test func thePasswordLoginIsAllowedAtTheDeskOnlyWhenTheSettingSaysSo() async throws {
        try await run { h, _ in
            try await h.browse(as: Self.reviewer, amr: OIDCHarness.passwordAMR)
            let refused = try await h.get(StaffRoutes.desk)
            #expect(refused.status == .forbidden && refused.body.contains("BankID"))
            // Without BankID on this server the way on is the login page, coming back to the desk.
            #expect(refused.body.contains("href=\"\(PendingRoutes.login)?lang=sv&amp;return="), "\(refused.body)")
        }
        try await run(["staff": ["login_methods": "bankid, password"]]) { h, application in
            try await h.browse(as: Self.reviewer, amr: OIDCHarness.passwordAMR)
            let desk = try await h.get(StaffRoutes.desk)
            #expect(desk.status == .ok && desk.body.contains(application.reference))
            try await h.browse(as: Self.reviewer, amr: ["hwk"])
            #expect(try await h.get(StaffRoutes.desk).status == .forbidden, "a login that is neither BankID nor a password")
        }
    }

    @Test func aSessionIsEndedTwelveHoursAfterItsLoginHoweverBusy() async throws {
        try await run { h, application in
            try await h.browse(as: Self.reviewer)
            let start = h.clock.now
            while h.clock.now.timeIntervalSince(start) + 25 * 60 <= StaffAccess.maximumSessionAge {
                h.clock.advance(25 * 60)
                #expect(try await h.get(StaffRoutes.desk).status == .ok)
            }
            h.clock.advance(25 * 60)
            let ended = try await h.get(StaffRoutes.application(application.id))
            #expect(ended.status == .forbidden && ended.body.contains("mer än 12 timmar sedan") && ended.body.contains("Logga in igen"), "\(ended.body)")
            let again = try await h.get(StaffRoutes.desk)
            #expect(again.status == .found && again.location?.hasPrefix(PendingRoutes.login) == true, "the login session itself has ended")
            let events = try await h.services.store.auditEvents(limit: 50, before: nil)
            #expect(events.contains { $0.action == "staff.session_ended" && $0.details["reason"] == "age" })
        }
    }

    @Test func aSessionIdleForMoreThanThirtyMinutesAtTheDeskIsEnded() async throws {
        try await run { h, _ in
            try await h.browse(as: Self.reviewer)
            #expect(try await h.get(StaffRoutes.desk).status == .ok)
            h.clock.advance(29 * 60)
            #expect(try await h.get(StaffRoutes.desk).status == .ok)
            h.clock.advance(31 * 60)
            let ended = try await h.get(StaffRoutes.desk + "?lang=en")
            #expect(ended.status == .forbidden && ended.body.contains("for more than 30 minutes") && ended.body.contains("Log in again"), "\(ended.body)")
            #expect(try await h.get(AccountRoutes.account).status == .found, "the login session itself has ended")
        }
    }

    // MARK: - The queue

    @Test func theQueueShowsTheOpenOnesOldestFirstAndFiltersByStatus() async throws {
        try await run { h, first in
            let second = try await h.apply(Self.applicant, organisationNumber: "5590001110", name: "Bryggeriet i Norr", kind: "producer")
            h.clock.advance(3600)
            let third = try await h.apply(Self.applicant, organisationNumber: "5560160003", name: "Importen AB", kind: "importer")
            try await h.browse(as: Self.reviewer)
            let page = try await h.get(StaffRoutes.desk + "?lang=sv")
            #expect(page.status == .ok && page.body.contains("<caption id=\"queue-caption\">Ansökningar: Öppna</caption>"))
            let positions = [first, second, third].map { page.body.range(of: $0.reference)?.lowerBound }
            #expect(positions.allSatisfy { $0 != nil } && positions[0]! < positions[1]! && positions[1]! < positions[2]!, "oldest first")
            #expect(page.body.contains("556677-8899") && page.body.contains("Handel") && page.body.contains("Anna Svensson (anna@pantbutiken.se)")
                    && page.body.contains("Inskickad") && page.body.contains("2 dagar") && page.body.contains("1 timme"))
            #expect(page.body.contains(#"<th scope="col">Ålder</th>"#) && page.body.contains("href=\"\(StaffRoutes.application(first.id))?lang=sv\""))

            let rejecting = try await h.submit(try await self.page(h, second), action: StaffRoutes.reject(second.id), ["reason": "incomplete"])
            #expect(rejecting.status == .seeOther)
            let open = try await h.get(StaffRoutes.desk)
            #expect(!open.body.contains(second.reference) && open.body.contains(first.reference))
            let rejected = try await h.get(StaffRoutes.desk + "?status=rejected")
            #expect(rejected.body.contains(second.reference) && !rejected.body.contains(first.reference) && rejected.body.contains("Avslagen")
                    && rejected.body.contains(#"<option value="rejected" selected>Avslagna</option>"#))
            let asked = try await h.ask(open, action: StaffRoutes.desk, ["status": "rejected"])
            #expect(asked.body.contains(second.reference) && !asked.body.contains(first.reference), "the filter's form asks for the same page")
            let none = try await h.get(StaffRoutes.desk + "?status=withdrawn")
            #expect(none.status == .ok && none.body.contains("Inga ansökningar med den statusen."))
            let unknown = try await h.get(StaffRoutes.desk + "?status=whatever")
            #expect(unknown.status == .badRequest && unknown.body.contains("Okänd status") && unknown.body.contains(first.reference))
            let english = try await h.get(StaffRoutes.desk + "?lang=en")
            #expect(english.body.contains("<h1>Applications</h1>") && english.body.contains("2 days") && english.body.contains(#"hreflang="sv""#))
        }
    }

    // MARK: - One application and its decisions

    @Test func theApplicationsPageShowsItsFieldsTheApplicantTheChecksAndTheHistory() async throws {
        try await run { h, application in
            // Another open application cannot share the number; a business of the register can (imported later).
            try await h.services.store.saveBusiness(Business(
                customerNumber: "0777777", name: "Gamla Kiosken", kind: .retailer, registeredEmail: "gamla@kiosken.se", pinHash: nil,
                createdAt: h.clock.now, organisationNumber: "5566778899"))
            try await h.browse(as: Self.reviewer)
            let page = try await page(h, application)
            for text in ["Ansökan \(application.reference)", "556677-8899", "Kiosken i Norr AB", "Storgatan 1, 123 45 Umeå", "faktura@kiosken.se",
                         "090-12 34 56", "Anna Svensson", "anna@pantbutiken.se", "Verifierad med BankID, personnummer 19900101-****", "engelska",
                         "Registret: organisationsnumret finns redan, hos Gamla Kiosken (kundnummer 0777777).",
                         "Öppna ansökningar: ingen annan har samma organisationsnummer.", "Skickade in ansökan", "Godkänn ansökan",
                         "Begär komplettering", "Avslå ansökan", "Verksamheten hanterar inte pantförpackningar."] {
                #expect(page.body.contains(text), "\(text)")
            }
            #expect(!page.body.contains("199001012385"), "the personnummer is shown masked")
            for missing in ["/staff/applications/999", "/staff/applications/x"] {
                #expect(try await h.get(missing).status == .notFound)
            }
        }
    }

    @Test func aReviewerApprovesAndTheApplicantBecomesTheNewBusinesssAdministrator() async throws {
        try await run { h, application in
            try await h.browse(as: Self.reviewer)
            let approved = try await approve(h, application)
            #expect(approved.status == .seeOther)
            let page = try await h.get(try #require(approved.location))
            #expect(page.body.contains("Ansökan är godkänd. Verksamheten har fått kundnummer 9000000"), "\(page.body)")
            #expect(!page.body.contains("Godkänn ansökan"), "a decided application has no decisions left")
            #expect(page.body.contains("Godkände ansökan") && page.body.contains("Karin Lund (karin@pantsystemet.se)") && page.body.contains("Kundnummer 9000000"))
            let store = h.services.store
            let business = try #require(try await store.business(customerNumber: "9000000"))
            #expect(business.name == "Kiosken i Norr AB" && business.organisationNumber == "5566778899")
            let memberships = try await store.memberships(accountID: OIDCHarness.accountID)
            #expect(memberships.contains { $0.business.customerNumber == "9000000" && $0.role == .admin })
            let mail = try #require(try await h.mails(to: "anna@pantbutiken.se").first)
            #expect(mail.text.contains("9000000"))
            // A second click on the confirm step answers as the first did, and gives no second number.
            let again = try await h.post(
                "/staff/applications/\(application.id)/approve", form: ["csrf": try await h.accountCSRF(), "lang": "sv", "confirm": "yes"])
            #expect(again.status == .seeOther)
            #expect(try await store.business(customerNumber: "9000001") == nil)
        }
    }

    @Test func ofTwoReviewersApprovingOneApplicationOneSucceedsAndTheOtherIsToldClearly() async throws {
        try await run { h, application in
            // Per opens the application and its confirm step; Karin approves first.
            let per = try await h.browse(as: Self.secondReviewer)
            let perCSRF = try await h.accountCSRF()
            try await h.browse(as: Self.reviewer)
            #expect(try await approve(h, application).status == .seeOther)
            h.browse(with: per)
            let late = try await h.post("/staff/applications/\(application.id)/approve", form: ["csrf": perCSRF, "lang": "sv", "confirm": "yes"])
            #expect(late.status == .conflict, "\(late.body)")
            #expect(late.body.contains("Ansökan har redan godkänts av Karin Lund (karin@pantsystemet.se), med kundnummer 9000000. Ingenting har ändrats."))
            let rejectLate = try await h.post(
                StaffRoutes.reject(application.id), form: ["csrf": perCSRF, "lang": "sv", "reason": "incomplete"])
            #expect(rejectLate.status == .conflict && rejectLate.body.contains("redan godkänts av Karin Lund"))
            #expect(try await h.services.store.businesses(organisationNumber: "5566778899").count == 1)
            #expect(try await h.services.store.business(customerNumber: "9000001") == nil)
            #expect(try await h.mails(to: "anna@pantbutiken.se").count == 1)
        }
    }

    @Test func aSoleTradersApplicationSaysWhetherBankIDFoundTheApplicantToBeThatPersonAndTheNameIsTheAccounts() async throws {
        try await run { h, _ in
            let own = try await h.apply(Self.applicant, organisationNumber: "900101-2385", name: "Annas Kiosk")
            let someoneElses = try await h.apply(Self.applicant, organisationNumber: "811228-9874", name: "Pers Kiosk")
            var unverified = Self.applicant
            unverified.personalNumber = nil
            let unchecked = try await h.apply(unverified, organisationNumber: "760101-0007", name: "Okänd")
            try await h.browse(as: Self.reviewer)
            let pages = (try await page(h, own).body, try await page(h, someoneElses).body, try await page(h, unchecked).body)
            #expect(pages.0.contains("Personnumret är sökandens eget enligt BankID") && pages.0.contains("900101-2385"), "\(pages.0)")
            #expect(pages.1.contains("Personnumret är inte sökandens enligt BankID"))
            #expect(pages.2.contains("Kan inte kontrolleras: sökanden loggade inte in med BankID"))
            #expect(pages.0.contains("Namn (enligt sökandens konto, inte kontrollerat)"))
            let queue = try await h.get(StaffRoutes.desk).body
            #expect(queue.contains("900101-****") && !queue.contains("900101-2385"), "the queue masks a sole trader's personnummer")
        }
    }

    @Test func anApprovalOnTheVersionBeforeTheApplicantsAnswerChangesNothingAndSaysSo() async throws {
        try await run { h, application in
            try await h.browse(as: Self.reviewer)
            // The reviewer opens the confirm step on the application as sent (version 1)...
            let asked = try await h.submit(try await page(h, application), action: "/staff/applications/\(application.id)/approve")
            let confirm = try await h.get(try #require(asked.location))
            #expect(confirm.body.contains(#"name="version" value="1""#), "\(confirm.body)")
            // ...another reviewer asks a question and the applicant answers with a new name meanwhile.
            _ = try await h.services.store.decideApplication(
                id: application.id, decision: .requestInformation(message: "Vilket namn?"), actor: "cli", at: h.clock.now, source: nil,
                customerNumbers: h.services.configuration.applications.customerNumbers, seenVersion: nil) { _ in nil }
            let changedDetails = try ApplicationDetails.parse(
                ["org_number": "556677-8899", "name": "Helt Annat AB", "kind": "retailer", "street_address": "Storgatan 1", "postal_code": "123 45",
                 "city": "Umeå", "invoice_email": "ny@annat.se", "phone": "090-12 34 56"], today: h.clock.now).get()
            _ = try await h.services.store.answerApplication(
                id: application.id, accountID: application.applicant.accountID, details: changedDetails, answer: "Så heter vi", at: h.clock.now,
                source: nil)
            let stale = try await h.submit(confirm, action: "/staff/applications/\(application.id)/approve", ["confirm": "yes"])
            #expect(stale.status == .conflict && stale.body.contains("Ansökan har ändrats sedan du läste den"), "\(stale.body)")
            #expect(stale.body.contains("Helt Annat AB"), "the page shows the application as it now is")
            #expect(try await h.services.store.businesses(organisationNumber: "5566778899").isEmpty)
            #expect(try await approve(h, try #require(try await h.services.store.application(id: application.id))).status == .seeOther,
                    "read again, it can be approved")
        }
    }

    @Test func whenTheCustomerNumbersAreUsedUpTheOperatorIsToldAndNothingChanges() async throws {
        try await run(["applications": ["customer_numbers": "9000000-9000000"]]) { h, first in
            let second = try await h.apply(Self.applicant, organisationNumber: "5590001110", name: "Bryggeriet i Norr")
            try await h.browse(as: Self.reviewer)
            #expect(try await approve(h, first).status == .seeOther)
            let refused = try await approve(h, second)
            #expect(refused.status == .conflict && refused.body.contains("inga lediga kundnummer kvar i intervallet 9000000-9000000"), "\(refused.body)")
            #expect(try await h.services.store.application(id: second.id)?.status == .submitted)
        }
    }

    @Test func anApprovalOfANumberTheRegisterGotSinceIsRefusedWithTheWayOn() async throws {
        try await run { h, application in
            try await h.browse(as: Self.reviewer)
            let page = try await page(h, application)
            // An import gives the register the number after the application was sent.
            try await h.services.store.saveBusiness(Business(
                customerNumber: "0234567", name: "Kiosken i Norr AB", kind: .retailer, registeredEmail: "info@kiosken.se", pinHash: nil,
                createdAt: h.clock.now, organisationNumber: "5566778899"))
            let refused = try await h.submit(page, action: StaffRoutes.approve(application.id), ["confirm": "yes"])
            #expect(refused.status == .conflict, "\(refused.body)")
            #expect(refused.body.contains(
                "Organisationsnumret finns nu i registret, med kundnummer 0234567: det kom dit efter att ansökan skickades. Ingenting har "
                    + "ändrats och ansökan är fortfarande öppen. Avslå den med skälet ”Verksamheten är redan kund i pantsystemet.”"))
            #expect(refused.body.contains(#"value="already_customer" checked"#), "the reject form has the reason chosen")
            let store = h.services.store
            #expect(try await store.application(id: application.id)?.status == .submitted)
            #expect(try await store.businesses(organisationNumber: "5566778899").map(\.customerNumber) == ["0234567"])
            #expect(try await store.business(customerNumber: "9000000") == nil)
            #expect(try await h.mails(to: "anna@pantbutiken.se").isEmpty)
        }
    }

    @Test func askingForMoreInformationNeedsAMessageAndMailsItToTheApplicant() async throws {
        try await run { h, application in
            try await h.browse(as: Self.reviewer)
            let action = StaffRoutes.requestInformation(application.id)
            let empty = try await h.submit(try await page(h, application), action: action, ["message": "  "])
            #expect(empty.status == .badRequest && empty.body.contains("Skriv ett meddelande till sökanden.") && empty.body.contains(#"aria-invalid="true""#))
            let long = String(repeating: "x", count: ApplicationDecision.maximumMessageLength + 1)
            let tooLong = try await h.submit(try await page(h, application), action: action, ["message": long])
            #expect(tooLong.status == .badRequest && tooLong.body.contains("högst 2000 tecken"))
            #expect(try await h.mails(to: "anna@pantbutiken.se").isEmpty)
            let question = "Which address should the deposit machine go to?"
            let asked = try await h.submit(try await page(h, application), action: action, ["message": question])
            #expect(asked.status == .seeOther)
            let page = try await h.get(try #require(asked.location))
            #expect(page.body.contains("Begäran om komplettering är skickad till sökanden.") && page.body.contains("Komplettering begärd")
                    && page.body.contains("Begärde komplettering") && page.body.contains(question))
            #expect(try await h.services.store.application(id: application.id)?.question == question)
            let mail = try #require(try await h.mails(to: "anna@pantbutiken.se").first)
            #expect(mail.text.contains(question))
        }
    }

    @Test func aStandardReasonReachesTheApplicantInTheirLanguageAndAWrittenOneAsWritten() async throws {
        try await run { h, application in
            try await h.browse(as: Self.reviewer)
            let action = StaffRoutes.reject(application.id)
            let none = try await h.submit(try await page(h, application), action: action, [:])
            #expect(none.status == .badRequest && none.body.contains("Välj ett skäl"))
            let unwritten = try await h.submit(try await page(h, application), action: action, ["reason": "other"])
            #expect(unwritten.status == .badRequest && unwritten.body.contains("Skriv skälet"))
            let rejected = try await h.submit(try await page(h, application), action: action, ["reason": "not_deposit_business"])
            #expect(rejected.status == .seeOther)
            let page = try await h.get(try #require(rejected.location))
            #expect(page.body.contains("Ansökan är avslagen"))
            let stored = try #require(try await h.services.store.application(id: application.id))
            #expect(stored.status == .rejected && stored.rejectionReason == "The business does not handle deposit packaging.")
            let mail = try #require(try await h.mails(to: "anna@pantbutiken.se").first)
            #expect(mail.text.contains("The business does not handle deposit packaging.") && !mail.text.contains("pantförpackningar"))

            let second = try await h.apply(Self.applicant, organisationNumber: "5590001110", name: "Bryggeriet i Norr")
            let written = "Vi når inte er på telefonnumret."
            let byHand = try await h.submit(try await self.page(h, second), action: StaffRoutes.reject(second.id), ["reason": "other", "reason_text": written])
            #expect(byHand.status == .seeOther)
            #expect(try await h.services.store.application(id: second.id)?.rejectionReason == written)
        }
    }
}
