import Foundation
import PortvaktCore

/// A person who can log in. The login methods (password, BankID) add their own facts in later tables.
public struct Account: Sendable, Equatable {
    public var id: String
    public var email: String?
    public var emailVerified: Bool
    public var givenName: String?
    public var familyName: String?
    public var locale: String?
    public var createdAt: Date
    /// The version of the privacy policy the user accepted, and when.
    public var privacyPolicyVersion: String?
    public var privacyPolicyAcceptedAt: Date?
    /// The BankID identity (12 digits), for accounts that log in with BankID. Sensitive: released only as the
    /// `ssn` claim under the `ssn` scope, and logged only masked.
    public var personalNumber: String?

    public init(
        id: String, email: String?, emailVerified: Bool, givenName: String?, familyName: String?, locale: String?, createdAt: Date,
        privacyPolicyVersion: String? = nil, privacyPolicyAcceptedAt: Date? = nil, personalNumber: String? = nil
    ) {
        self.id = id
        self.email = email
        self.emailVerified = emailVerified
        self.givenName = givenName
        self.familyName = familyName
        self.locale = locale
        self.createdAt = createdAt
        self.privacyPolicyVersion = privacyPolicyVersion
        self.privacyPolicyAcceptedAt = privacyPolicyAcceptedAt
        self.personalNumber = personalNumber
    }

    public var profile: UserProfile {
        UserProfile(
            subject: id, givenName: givenName, familyName: familyName, email: email, emailVerified: emailVerified, locale: locale,
            personalNumber: personalNumber)
    }
}
