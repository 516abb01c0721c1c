import Foundation
import PortvaktCore

/// An application from a new customer to join the deposit system, and where it stands.
public struct BusinessApplication: Sendable, Equatable {
    /// Assigned by the store, in order.
    public var id: Int64
    public var details: ApplicationDetails
    public var applicant: Applicant
    public var status: ApplicationStatus
    /// The reviewer's latest question, while or since more information was asked for.
    public var question: String?
    /// The applicant's latest answer to it.
    public var answer: String?
    /// Why it was rejected, as the applicant was told.
    public var rejectionReason: String?
    /// The customer number the business got on approval.
    public var customerNumber: String?
    public var createdAt: Date
    /// The last change of any kind.
    public var updatedAt: Date
    /// When it was approved, rejected or withdrawn.
    public var decidedAt: Date?
    /// 1 when sent, one more at every change: a reviewer's decision names the version they saw, and is refused when
    /// the application has changed since (the applicant answered meanwhile).
    public var version: Int64

    public init(
        id: Int64, details: ApplicationDetails, applicant: Applicant, status: ApplicationStatus, question: String? = nil, answer: String? = nil,
        rejectionReason: String? = nil, customerNumber: String? = nil, createdAt: Date, updatedAt: Date, decidedAt: Date? = nil,
        version: Int64 = 1
    ) {
        self.id = id
        self.details = details
        self.applicant = applicant
        self.status = status
        self.question = question
        self.answer = answer
        self.rejectionReason = rejectionReason
        self.customerNumber = customerNumber
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.decidedAt = decidedAt
        self.version = version
    }

    /// The reference number the applicant is given and the desk shows: `A-000042`.
    public var reference: String { Self.reference(id) }

    public static func reference(_ id: Int64) -> String {
        let digits = String(id)
        return "A-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// The id in a reference as people type it: `A-000042`, `a000042` or `42`.
    public static func id(reference text: String) -> Int64? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        if rest.first == "A" || rest.first == "a" { rest = rest.dropFirst() }
        if rest.first == "-" { rest = rest.dropFirst() }
        guard !rest.isEmpty, rest.count <= 18, rest.allSatisfy({ $0.isASCII && $0.isNumber }), let id = Int64(rest), id > 0 else { return nil }
        return id
    }
}
