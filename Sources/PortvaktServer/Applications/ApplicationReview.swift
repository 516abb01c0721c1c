import Foundation
import PortvaktCore
import PortvaktStore

/// A reviewer's decision on an application, the same wherever it is made (the staff desk, `portvakt applications`):
/// the store's one transaction (the status's compare-and-set, the customer number, the business and its first
/// administrator, the audit record, and the applicant's mail in their language queued in the outbox). Of two
/// decisions at once, one is carried out and mailed; the other changes nothing and queues nothing.
public struct ApplicationReview: Sendable {
    let store: any ApplicationStore & AccountStore
    let mail: MailQueue
    let issuer: String
    let customerNumbers: CustomerNumberRange

    /// The review the configuration describes: links under its issuer, numbers from `applications.customer_numbers`.
    public init(store: any ApplicationStore & AccountStore, mail: MailQueue, configuration: Configuration) {
        self.store = store
        self.mail = mail
        self.issuer = configuration.issuer
        self.customerNumbers = configuration.applications.customerNumbers
    }

    /// Decides `id` as `actor` (`account:<id>` at the desk, `cli` from the command line). `reviewer` is the
    /// deciding account (nil from the command line): on their own application the answer is `.ownApplication` and
    /// nothing changes (`mayDecide`).
    /// `seenVersion` is the version of the application the reviewer decided on (the desk's forms carry it); when the
    /// application has changed since, nothing changes and the answer is `.changedMeanwhile`.
    public func decide(
        id: Int64, _ decision: ApplicationDecision, actor: String, reviewer accountID: String?, source: String?, now: Date, seenVersion: Int64? = nil
    ) async throws -> ApplicationChange {
        if let accountID {
            // The applicant of an application never changes: read before the decision's transaction, it is still so.
            guard let application = try await store.application(id: id) else { return .notFound }
            guard let reviewer = try await store.account(id: accountID), Self.mayDecide(application, reviewer: reviewer) else {
                return .ownApplication
            }
        }
        return try await store.decideApplication(
            id: id, decision: decision, actor: actor, at: now, source: source, customerNumbers: customerNumbers, seenVersion: seenVersion
        ) { [self] application in
            mail.message(to: MailAddress(address: application.applicant.email), text: message(application, decision))
        }
    }

    /// Four eyes: whether the account `reviewer` (nil: the command line, no account) may decide `application`, which
    /// it may unless it is the applicant's: the same account, the same person by BankID from another account, or the
    /// reviewer's own sole trader business (its organisation number is the reviewer's personnummer). The desk shows
    /// no decisions where it may not.
    public static func mayDecide(_ application: BusinessApplication, reviewer: Account?) -> Bool {
        guard let reviewer else { return true }
        if application.applicant.accountID == reviewer.id { return false }
        guard let own = reviewer.personalNumber else { return true }
        if application.applicant.personalNumber == own { return false }
        let number = application.details.organisationNumber
        return !(number.isPersonalNumber && number.digits == String(own.suffix(10)))
    }

    /// The applicant's mail about a decision.
    func message(_ application: BusinessApplication, _ decision: ApplicationDecision) -> MailText {
        let (name, reference, language) = (application.details.name, application.reference, application.applicant.language)
        switch decision {
        case .approve:
            let number = application.customerNumber ?? ""
            return .applicationApproved(
                business: name, reference: reference, customerNumber: number, link: issuer + BusinessRoutes.activate(number) + "?lang=\(language.rawValue)",
                language: language, ui: mail.ui)
        case .requestInformation(let question):
            return .applicationInformationRequested(
                business: name, reference: reference, question: question,
                link: issuer + ApplicationRoutes.application(application.id) + "?lang=\(language.rawValue)", language: language, ui: mail.ui)
        case .reject(let reason):
            return .applicationRejected(business: name, reference: reference, reason: reason, language: language, ui: mail.ui)
        }
    }
}
