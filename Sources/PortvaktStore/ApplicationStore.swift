import Foundation
import PortvaktCore

/// Applications from new customers, and the reviewers' decisions on them. The rules that races could break are the
/// store's: at most one open application per organisation number, one decision per application, and a customer
/// number given once and never again. Every change is audited in its own transaction (target
/// `application:<id>`), which is the application's history.
public protocol ApplicationStore: Sendable {
    /// Stores a new application, `submitted`, unless the organisation number belongs to a business of the register
    /// or to an open application; of concurrent submissions for one number exactly one is stored. Audited as
    /// `application.submitted` by `account:<id>`. `mail` turns the stored application into the applicant's mail,
    /// queued in the outbox in the same transaction: there is a mail if and only if the application was stored.
    func submitApplication(
        _ details: ApplicationDetails, applicant: Applicant, at: Date, source: String?,
        mail: @escaping @Sendable (BusinessApplication) -> MailMessage?
    ) async throws -> ApplicationSubmission
    func application(id: Int64) async throws -> BusinessApplication?
    /// The queue: applications in `statuses` (every status when empty), oldest first, at most `limit`.
    func applications(statuses: [ApplicationStatus], limit: Int) async throws -> [BusinessApplication]
    /// One account's applications, newest first.
    func applications(accountID: String) async throws -> [BusinessApplication]
    /// The open application for an organisation number, if any (the desk's duplicate check).
    func openApplication(organisationNumber: String) async throws -> BusinessApplication?
    /// The businesses of the register with this organisation number (the desk's duplicate check).
    func businesses(organisationNumber: String) async throws -> [Business]

    /// The applicant answers a request for more information: the changed details (the organisation number stays
    /// the application's own) and the answer; the application is `submitted` again. Only the application's own
    /// account, only while more information is requested.
    func answerApplication(id: Int64, accountID: String, details: ApplicationDetails, answer: String, at: Date, source: String?) async throws
        -> ApplicationChange
    /// The applicant takes an open application back.
    func withdrawApplication(id: Int64, accountID: String, at: Date, source: String?) async throws -> ApplicationChange
    /// A reviewer's decision, in one transaction with its audit record (`actor`, the reason or message in its
    /// details). An approval takes the next customer number of `customerNumbers` that the register does not have,
    /// adds the business (with the application's organisation number, not yet activated, without a PIN) and makes
    /// the applicant its first administrator; unless the register has the organisation number by then (an import
    /// since the application was sent): then nothing changes and the answer is `.registered`. `mail` turns the
    /// changed application into the applicant's mail, queued in the outbox in the same transaction: there is a mail
    /// if and only if the decision committed.
    func decideApplication(
        id: Int64, decision: ApplicationDecision, actor: String, at: Date, source: String?, customerNumbers: CustomerNumberRange,
        seenVersion: Int64?, mail: @escaping @Sendable (BusinessApplication) -> MailMessage?
    ) async throws -> ApplicationChange
    /// The application's history: its audit events, oldest first.
    func applicationHistory(id: Int64) async throws -> [AuditEvent]
}
