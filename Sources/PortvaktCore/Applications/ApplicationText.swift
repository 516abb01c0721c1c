/// The application pages' texts are data: `ApplicationText.json` holds each key's Swedish and English text, and the
/// build embeds it (the EmbedDataFiles plugin). The accessors name their keys.
extension PageText {
    /// The catalogue, checked once; the tests load the same file, so a broken one never ships.
    static let applicationTexts = try! TextCatalogue(json: applicationTextJSON, file: "ApplicationText.json")

    /// The text of `key` in this page's language with `values` in its placeholders.
    func applicationText(_ key: String, _ values: [String: String] = [:]) -> String {
        Self.applicationTexts.text(key, language, values)
    }
}

/// The texts of a new customer's application pages (the form, its page, the status in the portal), in each language.
extension PageText {
    // MARK: - The way in and the form

    /// "Ny kund? Anslut din verksamhet till pantsystemet": the second way beside linking a customer number.
    public var newCustomer: String { applicationText("newCustomer") }
    public var newCustomerLead: String { applicationText("newCustomerLead") }
    public var applyButton: String { applicationText("apply") }
    public var applicationFormTitle: String { applicationText("formTitle") }
    public var applicationFormLead: String { applicationText("formLead") }
    /// "Du ansöker som Karin Lund (karin@kiosken.se).", or the address alone when the account has no name.
    public func applicantLine(name: String, email: String) -> String {
        let name = name.trimmingCharacters(in: .whitespaces)
        return applicationText("applicant", ["applicant": name.isEmpty ? email : "\(name) (\(email))"])
    }
    public var applicationNeedsEmail: String { applicationText("needsEmail") }
    public var sendApplication: String { applicationText("send") }

    /// The label of a field of the application form.
    public func applicationLabel(_ field: ApplicationDetails.Field) -> String {
        switch field {
        case .organisationNumber: applicationText("orgNumber")
        case .name: applicationText("businessName")
        case .kind: applicationText("kind")
        case .streetAddress: applicationText("streetAddress")
        case .postalCode: applicationText("postalCode")
        case .city: applicationText("city")
        case .invoiceEmail: applicationText("invoiceEmail")
        case .phone: applicationText("phone")
        }
    }

    public var organisationNumberHint: String { applicationText("orgNumberHint") }

    /// The kind's first option, selected until one is chosen.
    public var chooseBusinessKind: String { applicationText("chooseKind") }

    /// A kind of the register, as the form's choice names it.
    public func businessKind(_ kind: Business.Kind) -> String {
        switch kind {
        case .retailer: applicationText("kindRetailer")
        case .producer: applicationText("kindProducer")
        case .importer: applicationText("kindImporter")
        }
    }

    /// What the form says at `field` when it has `problem`: at the kind, a choice, "Välj typ av verksamhet." rather
    /// than "Fyll i fältet."
    public func applicationProblem(_ problem: ApplicationDetails.Problem, at field: ApplicationDetails.Field) -> String {
        if field == .kind, case .missing = problem { return applicationProblem(.kind) }
        return applicationProblem(problem)
    }

    /// What the form says at a field that has `problem`.
    public func applicationProblem(_ problem: ApplicationDetails.Problem) -> String {
        switch problem {
        case .missing: applicationText("missing")
        case .tooLong(let maximum): applicationText("tooLong", ["maximum": "\(maximum)"])
        case .organisationNumber(.format): applicationText("orgNumberFormat")
        case .organisationNumber(.length): applicationText("orgNumberLength")
        case .organisationNumber(.checkDigit): applicationText("orgNumberCheckDigit")
        case .kind: applicationText("kindProblem")
        case .postalCode: applicationText("postalCodeProblem")
        case .email: applicationText("emailProblem")
        case .phone: applicationText("phoneProblem")
        }
    }

    /// At the organisation number: the business is in the register; the link under the form leads to linking.
    public var organisationNumberRegistered: String { applicationText("registered") }
    public var linkWithCustomerNumberInstead: String { applicationText("linkInstead") }
    /// At the organisation number: an open application has it. Never says whose.
    public var organisationNumberUnderReview: String { applicationText("underReview") }
    /// The account's budget of applications is spent until `time` (`Limits.applicationsPerAccount`).
    public func tooManyApplications(until time: String) -> String { applicationText("tooManyApplications", ["time": time]) }
    public func applicationReceived(reference: String, email: String) -> String {
        applicationText("received", ["reference": reference, "email": email])
    }

    // MARK: - The application's page

    public func applicationTitle(_ reference: String) -> String { applicationText("title", ["reference": reference]) }
    public func applicationStatusLine(_ status: ApplicationStatus) -> String {
        applicationText("statusLine", ["status": applicationStatus(status)])
    }
    public func applicationSentOn(_ date: String) -> String { applicationText("sentOn", ["date": date]) }

    /// Inskickad, Komplettering begärd, Godkänd, Avslagen, Återkallad.
    public func applicationStatus(_ status: ApplicationStatus) -> String {
        switch status {
        case .submitted: applicationText("statusSubmitted")
        case .infoRequested: applicationText("statusInfoRequested")
        case .approved: applicationText("statusApproved")
        case .rejected: applicationText("statusRejected")
        case .withdrawn: applicationText("statusWithdrawn")
        }
    }

    public var applicationDetailsHeading: String { applicationText("detailsHeading") }
    public var applicantLabel: String { applicationText("applicantLabel") }
    /// The applicant on their application's page: "Karin Lund, karin@kiosken.se", the address alone when the account
    /// has no name, and "legitimerad med BankID" after it when a BankID login sent the application.
    public func applicantDetails(name: String, email: String, verifiedByBankID: Bool) -> String {
        let name = name.trimmingCharacters(in: .whitespaces)
        let applicant = name.isEmpty ? email : "\(name), \(email)"
        return verifiedByBankID ? applicationText("bankIDVerified", ["applicant": applicant]) : applicant
    }
    public var reviewerQuestionHeading: String { applicationText("questionHeading") }
    public func yourLastAnswer(_ answer: String) -> String { applicationText("yourLastAnswer", ["answer": answer]) }
    public var rejectionHeading: String { applicationText("rejectionHeading") }
    public var approvedHeading: String { applicationText("approvedHeading") }
    public func approvedLead(business: String, customerNumber: String) -> String {
        applicationText("approvedLead", ["business": business, "customerNumber": customerNumber])
    }

    // MARK: - Answering, withdrawing

    public var answerHeading: String { applicationText("answerHeading") }
    public var answerLead: String { applicationText("answerLead") }
    public func organisationNumberFixed(_ number: String) -> String { applicationText("orgNumberFixed", ["orgNumber": number]) }
    public var answerLabel: String { applicationText("answer") }
    public func answerHint(maximum: Int) -> String { applicationText("answerHint", ["maximum": "\(maximum)"]) }
    public var sendAnswer: String { applicationText("sendAnswer") }
    public var applicationAnswered: String { applicationText("answered") }
    public var answerNotExpected: String { applicationText("notExpected") }
    public var withdrawApplication: String { applicationText("withdraw") }
    public var withdrawLead: String { applicationText("withdrawLead") }
    public func withdrawConfirmTitle(_ reference: String) -> String { applicationText("withdrawConfirmTitle", ["reference": reference]) }
    public func withdrawConfirmLead(_ business: String) -> String { applicationText("withdrawConfirmLead", ["business": business]) }
    public var applicationWithdrawn: String { applicationText("withdrawn") }
    public var applicationAlreadyWithdrawn: String { applicationText("alreadyWithdrawn") }
    public func applicationAlreadyDecided(_ status: ApplicationStatus) -> String {
        applicationText("alreadyDecided", ["status": applicationStatus(status).lowercased()])
    }

    // MARK: - The account's applications, elsewhere

    public func applicationLine(reference: String, business: String, status: ApplicationStatus) -> String {
        applicationText("applicationLine", ["reference": reference, "business": business, "status": applicationStatus(status)])
    }
    /// Inside an authorization: the open application's status, with "Avbryt" beside it.
    public func pendingApplicationStatus(reference: String, business: String, status: ApplicationStatus) -> String {
        applicationText("pendingStatus", ["reference": reference, "business": business, "status": applicationStatus(status).lowercased()])
    }
    public var showApplication: String { applicationText("openApplication") }
}
