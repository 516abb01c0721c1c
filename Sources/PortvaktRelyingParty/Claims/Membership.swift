/// One entry of the `memberships` claim: an activated business of the user and the user's role in it.
///
/// `{"customer_number": "0123436", "name": "Pantbutiken", "kind": "retailer", "role": "admin"}`
public struct Membership: Sendable, Equatable, Codable {
    public var customerNumber: String
    public var name: String
    public var kind: BusinessKind
    public var role: Role

    public init(customerNumber: String, name: String, kind: BusinessKind, role: Role) {
        self.customerNumber = customerNumber
        self.name = name
        self.kind = kind
        self.role = role
    }

    enum CodingKeys: String, CodingKey {
        case customerNumber = "customer_number"
        case name, kind, role
    }
}
