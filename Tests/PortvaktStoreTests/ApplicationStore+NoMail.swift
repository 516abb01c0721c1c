import Foundation
import PortvaktCore
import PortvaktStore

/// A submission or a decision that queues no mail, for tests about something else (the mails have their own).
extension ApplicationStore {
    func submitApplication(_ details: ApplicationDetails, applicant: Applicant, at: Date, source: String?) async throws -> ApplicationSubmission {
        try await submitApplication(details, applicant: applicant, at: at, source: source) { _ in nil }
    }

    func decideApplication(
        id: Int64, decision: ApplicationDecision, actor: String, at: Date, source: String?, customerNumbers: CustomerNumberRange
    ) async throws -> ApplicationChange {
        try await decideApplication(id: id, decision: decision, actor: actor, at: at, source: source, customerNumbers: customerNumbers, seenVersion: nil) { _ in nil }
    }
}
