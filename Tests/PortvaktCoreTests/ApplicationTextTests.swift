@testable import PortvaktCore
import Testing

/// The application pages' texts come from `ApplicationText.json` (a `TextCatalogue`): the file loads, every key it
/// has is asked for and every key asked for is in it, and every text comes out whole in both languages.
@Suite struct ApplicationTextTests {
    @Test func theCatalogueHasEveryKeyInBothLanguagesWithTheSamePlaceholders() throws {
        let catalogue = try TextCatalogue(json: PageText.applicationTextJSON, file: "ApplicationText.json")
        #expect(catalogue.placeholders(of: "approvedLead") == ["business", "customerNumber"])
        #expect(catalogue.placeholders(of: "pendingStatus") == ["business", "reference", "status"])
    }

    @Test func theAccessorsAskForExactlyTheCataloguesKeys() throws {
        try CatalogueSource.expectAsked(
            exactly: PageText.applicationTexts.keys, by: "applicationText", in: ["Sources/PortvaktCore/Applications/ApplicationText.swift"])
    }

    @Test(arguments: PageLanguage.allCases)
    func everyTextComesOutWholeWithItsValuesFilledIn(_ language: PageLanguage) {
        let t = PageText(language)
        let texts: [String] = [
            t.newCustomer, t.newCustomerLead, t.applyButton, t.applicationFormTitle, t.applicationFormLead, t.applicationNeedsEmail,
            t.sendApplication, t.organisationNumberHint, t.organisationNumberRegistered, t.linkWithCustomerNumberInstead,
            t.organisationNumberUnderReview, t.applicationDetailsHeading, t.applicantLabel, t.reviewerQuestionHeading, t.rejectionHeading,
            t.approvedHeading, t.answerHeading, t.answerLead, t.answerLabel, t.sendAnswer, t.applicationAnswered, t.answerNotExpected,
            t.withdrawApplication, t.withdrawLead, t.applicationWithdrawn, t.applicationAlreadyWithdrawn,
            t.showApplication, t.chooseBusinessKind, t.applicationProblem(.missing, at: .kind), t.applicationProblem(.missing, at: .city),
        ] + ApplicationDetails.Field.allCases.map(t.applicationLabel)
            + Business.Kind.allCases.map(t.businessKind)
            + ApplicationStatus.allCases.map(t.applicationStatus)
            + ApplicationStatus.allCases.map(t.applicationStatusLine)
            + ApplicationStatus.allCases.map(t.applicationAlreadyDecided)
            + ([.missing, .kind, .postalCode, .email, .phone] as [ApplicationDetails.Problem]).map(t.applicationProblem)
            + ([.format, .length, .checkDigit] as [OrganisationNumber.Problem]).map { t.applicationProblem(.organisationNumber($0)) }
        for text in texts {
            #expect(CatalogueSource.isWhole(text), "\(text)")
        }
        // Each value lands in its place.
        let filled: [(text: String, values: [String])] = [
            (t.applicantLine(name: "Karin Lund", email: "karin@kiosken.se"), ["Karin Lund", "karin@kiosken.se"]),
            (t.applicationProblem(.tooLong(maximum: 200)), ["200"]),
            (t.tooManyApplications(until: "2026-12-09 02:10"), ["2026-12-09 02:10"]),
            (t.applicationReceived(reference: "A-000042", email: "karin@kiosken.se"), ["A-000042", "karin@kiosken.se"]),
            (t.applicationTitle("A-000042"), ["A-000042"]),
            (t.applicationSentOn("2026-12-08"), ["2026-12-08"]),
            (t.applicantDetails(name: "Karin Lund", email: "karin@kiosken.se", verifiedByBankID: true), ["Karin Lund", "karin@kiosken.se"]),
            (t.yourLastAnswer("Vi säljer burkar."), ["Vi säljer burkar."]),
            (t.approvedLead(business: "Kiosken AB", customerNumber: "9000000"), ["Kiosken AB", "9000000"]),
            (t.organisationNumberFixed("556677-8899"), ["556677-8899"]),
            (t.answerHint(maximum: 2000), ["2000"]),
            (t.withdrawConfirmTitle("A-000042"), ["A-000042"]),
            (t.withdrawConfirmLead("Kiosken AB"), ["Kiosken AB"]),
            (t.applicationLine(reference: "A-000042", business: "Kiosken AB", status: .submitted), ["A-000042", "Kiosken AB"]),
            (t.pendingApplicationStatus(reference: "A-000042", business: "Kiosken AB", status: .infoRequested), ["A-000042", "Kiosken AB"]),
        ]
        for (text, values) in filled {
            #expect(values.allSatisfy(text.contains) && CatalogueSource.isWhole(text), "\(text)")
        }
    }

    @Test func aKindNotChosenIsAskedToBeChosenAndOtherMissingFieldsToBeFilledIn() {
        let sv = PageText(.sv)
        #expect(sv.applicationProblem(.missing, at: .kind) == "Välj typ av verksamhet.")
        #expect(sv.applicationProblem(.missing, at: .city) == "Fyll i fältet.")
        #expect(sv.applicationProblem(.tooLong(maximum: 200), at: .kind) == "Skriv högst 200 tecken.")
    }

    @Test func anApplicantWithoutANameIsNamedByTheAddressAlone() {
        let sv = PageText(.sv), en = PageText(.en)
        #expect(sv.applicantLine(name: "Karin Lund", email: "karin@kiosken.se") == "Du ansöker som Karin Lund (karin@kiosken.se).")
        #expect(sv.applicantLine(name: "", email: "karin@kiosken.se") == "Du ansöker som karin@kiosken.se.")
        #expect(en.applicantLine(name: " ", email: "karin@kiosken.se") == "You are applying as karin@kiosken.se.")
        #expect(sv.applicantDetails(name: "Karin Lund", email: "karin@kiosken.se", verifiedByBankID: false) == "Karin Lund, karin@kiosken.se")
        #expect(sv.applicantDetails(name: "", email: "karin@kiosken.se", verifiedByBankID: false) == "karin@kiosken.se")
        #expect(sv.applicantDetails(name: "", email: "karin@kiosken.se", verifiedByBankID: true) == "karin@kiosken.se, legitimerad med BankID")
        #expect(en.applicantDetails(name: "Karin Lund", email: "karin@kiosken.se", verifiedByBankID: true)
            == "Karin Lund, karin@kiosken.se, identified with BankID")
    }

    @Test func theKindsHaveTheDesksNamesFirstAndTheBudgetSaysTooMany() {
        let sv = PageText(.sv), en = PageText(.en)
        #expect(Business.Kind.allCases.map(sv.businessKind).map { $0.components(separatedBy: " – ")[0] } == ["Handel", "Producent", "Importör"])
        #expect(Business.Kind.allCases.map(en.businessKind).map { $0.components(separatedBy: " – ")[0] } == ["Retailer", "Producer", "Importer"])
        #expect(sv.tooManyApplications(until: "02:10") == "Du har skickat för många ansökningar. Försök igen efter 02:10.")
        #expect(en.tooManyApplications(until: "02:10") == "You have sent too many applications. Try again after 02:10.")
    }

    @Test func theStatusesAndTheWayInAreTheIssuesWords() {
        let sv = PageText(.sv), en = PageText(.en)
        #expect(sv.newCustomer == "Ny kund? Anslut din verksamhet till pantsystemet")
        #expect(en.newCustomer == "New customer? Connect your business to the deposit system")
        #expect(ApplicationStatus.allCases.map(sv.applicationStatus) == ["Inskickad", "Komplettering begärd", "Godkänd", "Avslagen", "Återkallad"])
        #expect(ApplicationStatus.allCases.map(en.applicationStatus) == ["Submitted", "More information requested", "Approved", "Rejected", "Withdrawn"])
        #expect(sv.applicationLine(reference: "A-000001", business: "Kiosken AB", status: .infoRequested)
            == "Ansökan A-000001, Kiosken AB: Komplettering begärd")
        #expect(en.applicationAlreadyDecided(.rejected) == "The application has already been decided (rejected) and cannot be changed.")
    }
}
