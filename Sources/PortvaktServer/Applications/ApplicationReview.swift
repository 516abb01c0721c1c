import Foundation
import PortvaktCore
import PortvaktStore

/// A reviewer's decision on an application, the same wherever it is made (the staff desk, `portvakt applications`):
/// the store's one transaction (the status's compare-and-set, the customer number, the business and its first
/// administrator, the audit record, and the applicant's mail in their language queued in the outbox). Of two
/// decisions at once, one is carried out and mailed; the other changes nothing and queues nothing.
public struct ApplicationReview: Sendable {
    let store: any ApplicationStore
    let mail: MailQueue
    let issuer: String
    let customerNumbers: CustomerNumberRange

    public init(store: any ApplicationStore, mail: MailQueue, issuer: String, customerNumbers: CustomerNumberRange) {
        self.store = store
        self.mail = mail
        self.issuer = issuer
        self.customerNumbers = customerNumbers
    }

    /// Decides `id` as `actor` (`account:<id>` at the desk, `cli` from the command line).
    public func decide(id: Int64, _ decision: ApplicationDecision, actor: String, source: String?, now: Date) async throws -> ApplicationChange {
        try await store.decideApplication(
            id: id, decision: decision, actor: actor, at: now, source: source, customerNumbers: customerNumbers
        ) { [self] application in
            mail.message(to: MailAddress(address: application.applicant.email), text: message(application, decision))
        }
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
