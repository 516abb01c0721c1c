import Foundation
import PortvaktCore

/// Who applied: the logged-in account, with its name and address as they were when it applied, and its BankID
/// identity when it logged in with BankID.
public struct Applicant: Sendable, Equatable {
    public var accountID: String
    public var name: String
    public var email: String
    /// The personnummer BankID verified (12 digits) when the applicant's session logged in with BankID; nil for a
    /// password login. Sensitive: the desk shows it masked.
    public var personalNumber: String?
    /// The language the applicant's mails are written in.
    public var language: PageLanguage

    public init(accountID: String, name: String, email: String, personalNumber: String?, language: PageLanguage) {
        self.accountID = accountID
        self.name = name
        self.email = email
        self.personalNumber = personalNumber
        self.language = language
    }

    /// Whether BankID verified who applied.
    public var verifiedByBankID: Bool { personalNumber != nil }
}
