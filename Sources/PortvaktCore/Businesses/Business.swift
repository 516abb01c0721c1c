import Foundation

/// A business (verksamhet) of the deposit system, known by its customer number.
public struct Business: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case retailer, producer, importer

        /// Producers and importers link by their registered e-mail only.
        public var mayUsePIN: Bool { self == .retailer }
    }

    public var customerNumber: String
    public var name: String
    public var kind: Kind
    /// The address the business has on file: linking mails go here, never to an address a user types.
    public var registeredEmail: String
    /// The legacy PIN as an argon2id hash; nil once retired (at activation) or when there is none.
    public var pinHash: String?
    public var activatedAt: Date?
    public var createdAt: Date
    /// The organisationsnummer (10 digits), where the register knows it: the import's optional `org_number`
    /// column, or the application a new customer was approved from.
    public var organisationNumber: String?

    public init(
        customerNumber: String, name: String, kind: Kind, registeredEmail: String, pinHash: String?, activatedAt: Date? = nil, createdAt: Date,
        organisationNumber: String? = nil
    ) {
        self.customerNumber = customerNumber
        self.name = name
        self.kind = kind
        self.registeredEmail = registeredEmail
        self.pinHash = pinHash
        self.activatedAt = activatedAt
        self.createdAt = createdAt
        self.organisationNumber = organisationNumber
    }

    /// A customer number as the register writes them: digits, leading zeros kept.
    public static func isCustomerNumber(_ text: String) -> Bool {
        (4...12).contains(text.count) && text.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
