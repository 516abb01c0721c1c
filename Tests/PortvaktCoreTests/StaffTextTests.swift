@testable import PortvaktCore
import Testing

/// The staff desk's texts come from `StaffText.json` (a `TextCatalogue`): the file loads, every key it has is
/// asked for and every key asked for is in it, and every text comes out whole in both languages.
@Suite struct StaffTextTests {
    @Test func theCatalogueHasEveryKeyInBothLanguagesWithTheSamePlaceholders() throws {
        let catalogue = try TextCatalogue(json: PageText.staffTextJSON, file: "StaffText.json")
        #expect(catalogue.placeholders(of: "alreadyApproved") == ["customerNumber", "who"])
    }

    @Test func theSwedishTextsSayEPostNeverMejl() {
        let swedish = PageText.staffTexts.keys.map { PageText.staffTexts.text($0, .sv) }
        #expect(swedish.filter { $0.lowercased().contains("mejl") } == [])
    }

    @Test func theAccessorsAskForExactlyTheCataloguesKeys() throws {
        try CatalogueSource.expectAsked(exactly: PageText.staffTexts.keys, by: "staffText", in: ["Sources/PortvaktCore/Staff/StaffText.swift"])
    }

    @Test(arguments: PageLanguage.allCases)
    func everyTextComesOutWholeWithItsValuesFilledIn(_ language: PageLanguage) {
        let t = PageText(language).desk
        let texts: [String] = [
            t.deskNavigation, t.queueTitle, t.queueLead, t.filterLabel, t.filterOpen, t.filterButton, t.noApplications, t.unknownStatus,
            t.referenceColumn, t.businessColumn, t.organisationNumberColumn, t.kindColumn, t.applicantColumn, t.statusColumn, t.ageColumn,
            t.detailsHeading, t.fieldName, t.fieldAddress, t.fieldInvoiceEmail, t.fieldPhone, t.fieldReceived, t.fieldCustomerNumber,
            t.fieldQuestion, t.fieldAnswer, t.fieldRejectionReason, t.applicantHeading, t.fieldEmail, t.fieldBankID, t.bankIDNotVerified,
            t.fieldLanguage, t.checksHeading, t.registerNoMatch, t.openNoMatch, t.historyHeading, t.historyCaption, t.whenColumn, t.whoColumn,
            t.whatColumn, t.messageColumn, t.actorCommandLine, t.decisionHeading, t.ownApplication, t.approveHeading, t.approveLead, t.approveButton,
            t.approveConfirmButton, t.cancel, t.requestInformationHeading, t.requestInformationLead, t.messageLabel, t.requestInformationButton,
            t.rejectHeading, t.rejectLead, t.reasonLegend, t.reasonOther, t.reasonTextLabel, t.rejectButton, t.messageMissing, t.reasonMissing,
            t.reasonTextMissing, t.alreadyWithdrawn, t.someoneElse, t.informationRequestedNotice, t.rejectedNotice, t.toQueue, t.needsLoginTitle,
            t.needsBankIDLead, t.needsAllowedLoginLead, t.sessionEndedTitle, t.logInAgain, t.logInWithBankID,
        ] + ApplicationStatus.allCases.flatMap { [t.status($0), t.filter($0)] } + Business.Kind.allCases.map(t.kind)
            + PageLanguage.allCases.map(t.languageName) + StandardRejectionReason.allCases.map(t.rejectionReason)
            + ["application.submitted", "application.answered", "application.withdrawn", "application.approved", "application.info_requested",
               "application.rejected"].map { t.historyAction($0) ?? "{none}" }
        for text in texts {
            #expect(CatalogueSource.isWhole(text), "\(text)")
        }
        let filled: [(text: String, values: [String])] = [
            (t.queueCaption(filter: "FILTRET"), ["FILTRET"]),
            (t.queueTruncated(count: 500), ["500"]),
            (t.applicationTitle(reference: "A-000042"), ["A-000042"]),
            (t.soleTrader(number: "900101-2384"), ["900101-2384"]),
            (t.receivedAgo(date: "2026-12-08 10:00", age: "ÅLDERN"), ["2026-12-08 10:00", "ÅLDERN"]),
            (t.bankIDVerified(personalNumber: "19900101-****"), ["19900101-****"]),
            (t.writeInLanguage(language: "SPRÅKET"), ["SPRÅKET"]),
            (t.registerMatch(business: "Kiosken AB", customerNumber: "0123436"), ["Kiosken AB", "0123436"]),
            (t.openMatch(reference: "A-000007", business: "Kiosken AB"), ["A-000007", "Kiosken AB"]),
            (t.historyCustomerNumber(customerNumber: "9000000"), ["9000000"]),
            (t.approveConfirmTitle(reference: "A-000042"), ["A-000042"]),
            (t.approveConfirmLead(business: "Kiosken AB", organisationNumber: "556677-8899", applicant: "Karin Lund"),
             ["Kiosken AB", "556677-8899", "Karin Lund"]),
            (t.maximumCharacters(maximum: 2000), ["2000"]),
            (t.messageTooLong(maximum: 2000), ["2000"]),
            (t.reasonTooLong(maximum: 2000), ["2000"]),
            (t.alreadyApproved(who: "Karin Lund", customerNumber: "9000000"), ["Karin Lund", "9000000"]),
            (t.alreadyRejected(who: "Karin Lund"), ["Karin Lund"]),
            (t.changedMeanwhile(status: "STATUSEN"), ["STATUSEN"]),
            (t.customerNumbersExhausted(range: "9000000-9000001"), ["9000000-9000001"]),
            (t.registeredMeanwhile(customerNumber: "0123436", reason: "SKÄLET"), ["0123436", "SKÄLET"]),
            (t.approvedNotice(customerNumber: "9000000"), ["9000000"]),
            (t.sessionTooOld(hours: 12), ["12"]),
            (t.sessionIdle(minutes: 30), ["30"]),
        ]
        for (text, values) in filled {
            #expect(values.allSatisfy(text.contains) && CatalogueSource.isWhole(text), "\(text)")
        }
    }

    @Test func anAgeIsSaidInItsLargestWholeUnit() {
        let sv = PageText(.sv).desk, en = PageText(.en).desk
        let cases: [(seconds: Double, sv: String, en: String)] = [
            (-5, "0 minuter", "0 minutes"), (59, "0 minuter", "0 minutes"), (60, "1 minut", "1 minute"), (59 * 60, "59 minuter", "59 minutes"),
            (3600, "1 timme", "1 hour"), (23 * 3600 + 3599, "23 timmar", "23 hours"), (86_400, "1 dag", "1 day"),
            (3 * 86_400 + 7200, "3 dagar", "3 days"),
        ]
        for (seconds, swedish, english) in cases {
            #expect(sv.age(seconds) == swedish && en.age(seconds) == english, "\(seconds)")
        }
    }

    @Test func aStandardReasonIsWordedInTheLanguageAsked() {
        #expect(PageText(.sv).desk.rejectionReason(.notDepositBusiness) == "Verksamheten hanterar inte pantförpackningar.")
        #expect(PageText(.en).desk.rejectionReason(.notDepositBusiness) == "The business does not handle deposit packaging.")
        #expect(PageText(.en).desk.historyAction("application.unknown") == nil)
    }
}
