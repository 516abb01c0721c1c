import Crypto
import Foundation

/// The user facts that claims are made from.
public struct UserProfile: Sendable, Equatable {
    public var subject: String
    public var givenName: String?
    public var familyName: String?
    public var email: String?
    public var emailVerified: Bool
    public var locale: String?
    /// The personnummer (12 digits), released only under the `ssn` scope.
    public var personalNumber: String?

    public init(
        subject: String, givenName: String?, familyName: String?, email: String?, emailVerified: Bool, locale: String?,
        personalNumber: String? = nil
    ) {
        self.subject = subject
        self.givenName = givenName
        self.familyName = familyName
        self.email = email
        self.emailVerified = emailVerified
        self.locale = locale
        self.personalNumber = personalNumber
    }

    public var name: String? {
        let parts = [givenName, familyName].compactMap { $0 }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// The values of the user's standard claims (OpenID Connect Core §5.1), those without a value left out:
    /// `email_verified` only beside an address, `ssn` only for an account with a personnummer. Which of them a
    /// token or userinfo carries is the `ClaimsPolicy`'s to say.
    public var claimValues: [String: JSONValue] {
        var values: [String: JSONValue] = ["sub": .string(subject)]
        let strings = [
            ("name", name), ("given_name", givenName), ("family_name", familyName), ("locale", locale), ("email", email),
            ("ssn", personalNumber),
        ]
        for case let (claim, value?) in strings { values[claim] = .string(value) }
        if email != nil { values["email_verified"] = .bool(emailVerified) }
        return values
    }
}
