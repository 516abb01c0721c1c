/// The access token's `business` claim: the one business the token acts for (its scope says
/// `business:<customer_number>`), with the user's role there.
///
/// `{"customer_number": "0123436", "name": "Pantbutiken", "role": "admin"}`
public struct Business: Sendable, Equatable, Codable {
    public var customerNumber: String
    public var name: String
    public var role: Role

    public init(customerNumber: String, name: String, role: Role) {
        self.customerNumber = customerNumber
        self.name = name
        self.role = role
    }

    enum CodingKeys: String, CodingKey {
        case customerNumber = "customer_number"
        case name, role
    }
}
