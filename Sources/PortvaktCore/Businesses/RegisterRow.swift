import Foundation

/// One row of the customer register's CSV: `customer_number,name,kind,registered_email,pin`, and optionally
/// `org_number`.
public struct RegisterRow: Sendable, Equatable {
    public var line: Int
    public var customerNumber: String
    public var name: String
    public var kind: Business.Kind
    public var registeredEmail: String
    /// Empty for producers and importers, which have none.
    public var pin: String?
    /// The organisationsnummer, normalised to 10 digits, when the file has the column and the row fills it.
    public var organisationNumber: String?
}
