import Foundation

/// One row of the customer register's CSV: `customer_number,name,kind,registered_email,pin`.
public struct RegisterRow: Sendable, Equatable {
    public var line: Int
    public var customerNumber: String
    public var name: String
    public var kind: Business.Kind
    public var registeredEmail: String
    /// Empty for producers and importers, which have none.
    public var pin: String?
}
