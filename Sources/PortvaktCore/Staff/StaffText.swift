import Foundation

/// The staff desk's texts are data: `StaffText.json` holds each key's Swedish and English text, and the build embeds
/// it (the EmbedDataFiles plugin). The accessors name their keys.
extension PageText {
    /// The catalogue, checked once; the tests load the same file, so a broken one never ships.
    static let staffTexts = try! TextCatalogue(json: staffTextJSON, file: "StaffText.json")

    /// The text of `key` in this page's language with `values` in its placeholders.
    func staffText(_ key: String, _ values: [String: String] = [:]) -> String {
        Self.staffTexts.text(key, language, values)
    }

    /// The desk's texts in this page's language, in a namespace of their own (`text.desk.queueTitle`): the desk's
    /// words (a status, a kind, "Avbryt") would otherwise share names with the customer pages' texts.
    public var desk: StaffDeskText { StaffDeskText(page: self) }
}

/// The texts of the staff desk, in one language.
public struct StaffDeskText: Sendable {
    let page: PageText

    public var deskNavigation: String { page.staffText("deskNavigation") }
    public var queueTitle: String { page.staffText("queueTitle") }
    public var queueLead: String { page.staffText("queueLead") }
    public var filterLabel: String { page.staffText("filterLabel") }
    public var filterOpen: String { page.staffText("filterOpen") }
    public var filterButton: String { page.staffText("filterButton") }
    public func queueCaption(filter: String) -> String {
        page.staffText("queueCaption", ["filter": filter])
    }
    public var noApplications: String { page.staffText("noApplications") }
    public var unknownStatus: String { page.staffText("unknownStatus") }
    public func queueTruncated(count: Int) -> String {
        page.staffText("queueTruncated", ["count": "\(count)"])
    }
    public var referenceColumn: String { page.staffText("referenceColumn") }
    public var businessColumn: String { page.staffText("businessColumn") }
    public var organisationNumberColumn: String { page.staffText("organisationNumberColumn") }
    public var kindColumn: String { page.staffText("kindColumn") }
    public var applicantColumn: String { page.staffText("applicantColumn") }
    public var statusColumn: String { page.staffText("statusColumn") }
    public var ageColumn: String { page.staffText("ageColumn") }
    public func applicationTitle(reference: String) -> String {
        page.staffText("applicationTitle", ["reference": reference])
    }
    public var detailsHeading: String { page.staffText("detailsHeading") }
    public var fieldName: String { page.staffText("fieldName") }
    public var fieldAddress: String { page.staffText("fieldAddress") }
    public var fieldInvoiceEmail: String { page.staffText("fieldInvoiceEmail") }
    public var fieldPhone: String { page.staffText("fieldPhone") }
    public var fieldReceived: String { page.staffText("fieldReceived") }
    public var fieldCustomerNumber: String { page.staffText("fieldCustomerNumber") }
    public var fieldQuestion: String { page.staffText("fieldQuestion") }
    public var fieldAnswer: String { page.staffText("fieldAnswer") }
    public var fieldRejectionReason: String { page.staffText("fieldRejectionReason") }
    public func soleTrader(number: String) -> String {
        page.staffText("soleTrader", ["number": number])
    }
    public func receivedAgo(date: String, age: String) -> String {
        page.staffText("receivedAgo", ["date": date, "age": age])
    }
    public var applicantHeading: String { page.staffText("applicantHeading") }
    public var fieldEmail: String { page.staffText("fieldEmail") }
    public var fieldBankID: String { page.staffText("fieldBankID") }
    public func bankIDVerified(personalNumber: String) -> String {
        page.staffText("bankIDVerified", ["personalNumber": personalNumber])
    }
    public var bankIDNotVerified: String { page.staffText("bankIDNotVerified") }
    public var fieldLanguage: String { page.staffText("fieldLanguage") }
    public func writeInLanguage(language: String) -> String {
        page.staffText("writeInLanguage", ["language": language])
    }
    public var checksHeading: String { page.staffText("checksHeading") }
    public func registerMatch(business: String, customerNumber: String) -> String {
        page.staffText("registerMatch", ["business": business, "customerNumber": customerNumber])
    }
    public var registerNoMatch: String { page.staffText("registerNoMatch") }
    public func openMatch(reference: String, business: String) -> String {
        page.staffText("openMatch", ["reference": reference, "business": business])
    }
    public var openNoMatch: String { page.staffText("openNoMatch") }
    public var historyHeading: String { page.staffText("historyHeading") }
    public var historyCaption: String { page.staffText("historyCaption") }
    public var whenColumn: String { page.staffText("whenColumn") }
    public var whoColumn: String { page.staffText("whoColumn") }
    public var whatColumn: String { page.staffText("whatColumn") }
    public var messageColumn: String { page.staffText("messageColumn") }
    public var actorCommandLine: String { page.staffText("actorCommandLine") }
    public func historyCustomerNumber(customerNumber: String) -> String {
        page.staffText("historyCustomerNumber", ["customerNumber": customerNumber])
    }
    public var decisionHeading: String { page.staffText("decisionHeading") }
    public var ownApplication: String { page.staffText("ownApplication") }
    public var approveHeading: String { page.staffText("approveHeading") }
    public var approveLead: String { page.staffText("approveLead") }
    public var approveButton: String { page.staffText("approveButton") }
    public func approveConfirmTitle(reference: String) -> String {
        page.staffText("approveConfirmTitle", ["reference": reference])
    }
    public func approveConfirmLead(business: String, organisationNumber: String, applicant: String) -> String {
        page.staffText("approveConfirmLead", ["business": business, "organisationNumber": organisationNumber, "applicant": applicant])
    }
    public var approveConfirmButton: String { page.staffText("approveConfirmButton") }
    public var cancel: String { page.staffText("cancel") }
    public var requestInformationHeading: String { page.staffText("requestInformationHeading") }
    public var requestInformationLead: String { page.staffText("requestInformationLead") }
    public var messageLabel: String { page.staffText("messageLabel") }
    public func maximumCharacters(maximum: Int) -> String {
        page.staffText("maximumCharacters", ["maximum": "\(maximum)"])
    }
    public var requestInformationButton: String { page.staffText("requestInformationButton") }
    public var rejectHeading: String { page.staffText("rejectHeading") }
    public var rejectLead: String { page.staffText("rejectLead") }
    public var reasonLegend: String { page.staffText("reasonLegend") }
    public var reasonOther: String { page.staffText("reasonOther") }
    public var reasonTextLabel: String { page.staffText("reasonTextLabel") }
    public var rejectButton: String { page.staffText("rejectButton") }
    public var messageMissing: String { page.staffText("messageMissing") }
    public func messageTooLong(maximum: Int) -> String {
        page.staffText("messageTooLong", ["maximum": "\(maximum)"])
    }
    public var reasonMissing: String { page.staffText("reasonMissing") }
    public var reasonTextMissing: String { page.staffText("reasonTextMissing") }
    public func reasonTooLong(maximum: Int) -> String {
        page.staffText("reasonTooLong", ["maximum": "\(maximum)"])
    }
    public func alreadyApproved(who: String, customerNumber: String) -> String {
        page.staffText("alreadyApproved", ["who": who, "customerNumber": customerNumber])
    }
    public func alreadyRejected(who: String) -> String {
        page.staffText("alreadyRejected", ["who": who])
    }
    public var alreadyWithdrawn: String { page.staffText("alreadyWithdrawn") }
    public func changedMeanwhile(status: String) -> String {
        page.staffText("changedMeanwhile", ["status": status])
    }
    public var someoneElse: String { page.staffText("someoneElse") }
    /// The applicant's name is their account's, which they may change: the desk says so.
    public var fieldApplicantName: String { page.staffText("fieldApplicantName") }
    /// Whether a sole trader's personnummer is the applicant's own by BankID.
    public var fieldSoleTrader: String { page.staffText("fieldSoleTrader") }
    public var soleTraderIsApplicant: String { page.staffText("soleTraderIsApplicant") }
    public var soleTraderIsNotApplicant: String { page.staffText("soleTraderIsNotApplicant") }
    public var soleTraderUnchecked: String { page.staffText("soleTraderUnchecked") }
    /// A decision on a version of the application the reviewer no longer has before them.
    public var changedSinceSeen: String { page.staffText("changedSinceSeen") }
    public func customerNumbersExhausted(range: String) -> String {
        page.staffText("customerNumbersExhausted", ["range": range])
    }
    /// An approval refused because the register has the number now: `reason` is the standard reason to reject with.
    public func registeredMeanwhile(customerNumber: String, reason: String) -> String {
        page.staffText("registeredMeanwhile", ["customerNumber": customerNumber, "reason": reason])
    }
    public func approvedNotice(customerNumber: String) -> String {
        page.staffText("approvedNotice", ["customerNumber": customerNumber])
    }
    public var informationRequestedNotice: String { page.staffText("informationRequestedNotice") }
    public var rejectedNotice: String { page.staffText("rejectedNotice") }
    public var toQueue: String { page.staffText("toQueue") }
    public var needsLoginTitle: String { page.staffText("needsLoginTitle") }
    public var needsBankIDLead: String { page.staffText("needsBankIDLead") }
    public var needsAllowedLoginLead: String { page.staffText("needsAllowedLoginLead") }
    public var sessionEndedTitle: String { page.staffText("sessionEndedTitle") }
    public func sessionTooOld(hours: Int) -> String {
        page.staffText("sessionTooOld", ["hours": "\(hours)"])
    }
    public func sessionIdle(minutes: Int) -> String {
        page.staffText("sessionIdle", ["minutes": "\(minutes)"])
    }
    public var logInAgain: String { page.staffText("logInAgain") }
    public var logInWithBankID: String { page.staffText("logInWithBankID") }

    // MARK: - Texts chosen by a value

    /// An application's status, as the desk's tables and pages show it.
    public func status(_ status: ApplicationStatus) -> String {
        switch status {
        case .submitted: page.staffText("statusSubmitted")
        case .infoRequested: page.staffText("statusInfoRequested")
        case .approved: page.staffText("statusApproved")
        case .rejected: page.staffText("statusRejected")
        case .withdrawn: page.staffText("statusWithdrawn")
        }
    }

    /// The queue's filter for one status (plural: "Godkända").
    public func filter(_ status: ApplicationStatus) -> String {
        switch status {
        case .submitted: page.staffText("filterSubmitted")
        case .infoRequested: page.staffText("filterInfoRequested")
        case .approved: page.staffText("filterApproved")
        case .rejected: page.staffText("filterRejected")
        case .withdrawn: page.staffText("filterWithdrawn")
        }
    }

    /// A business's kind, as the register names them.
    public func kind(_ kind: Business.Kind) -> String {
        switch kind {
        case .retailer: page.staffText("kindRetailer")
        case .producer: page.staffText("kindProducer")
        case .importer: page.staffText("kindImporter")
        }
    }

    /// A language's name in this page's language ("engelska").
    public func languageName(_ language: PageLanguage) -> String {
        switch language {
        case .sv: page.staffText("languageSwedish")
        case .en: page.staffText("languageEnglish")
        }
    }

    /// A standard reason for a rejection, as the applicant is told it (in the page's language: give the
    /// applicant's `PageText`).
    public func rejectionReason(_ reason: StandardRejectionReason) -> String {
        switch reason {
        case .notDepositBusiness: page.staffText("reasonNotDepositBusiness")
        case .notVerified: page.staffText("reasonNotVerified")
        case .alreadyCustomer: page.staffText("reasonAlreadyCustomer")
        case .incomplete: page.staffText("reasonIncomplete")
        }
    }

    /// What an entry of an application's history did, by its audit action (`application.approved`); nil for an
    /// action the desk has no words for, which the page then shows as it is recorded.
    public func historyAction(_ action: String) -> String? {
        switch action {
        case ApplicationAction.answer.auditAction: page.staffText("historyAnswered")
        case ApplicationAction.withdraw.auditAction: page.staffText("historyWithdrawn")
        case ApplicationAction.approve.auditAction: page.staffText("historyApproved")
        case ApplicationAction.requestInformation.auditAction: page.staffText("historyInfoRequested")
        case ApplicationAction.reject.auditAction: page.staffText("historyRejected")
        case "application.submitted": page.staffText("historySubmitted")
        default: nil
        }
    }

    /// How long something has waited, in its largest whole unit: "3 dagar", "1 timme", "0 minuter".
    public func age(_ interval: TimeInterval) -> String {
        let minutes = max(0, Int(interval / 60))
        let (hours, days) = (minutes / 60, minutes / 1440)
        if days >= 1 { return days == 1 ? page.staffText("ageDay") : page.staffText("ageDays", ["count": "\(days)"]) }
        if hours >= 1 { return hours == 1 ? page.staffText("ageHour") : page.staffText("ageHours", ["count": "\(hours)"]) }
        return minutes == 1 ? page.staffText("ageMinute") : page.staffText("ageMinutes", ["count": "\(minutes)"])
    }
}
