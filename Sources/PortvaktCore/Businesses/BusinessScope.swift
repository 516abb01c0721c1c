/// The business scopes and claims. `memberships` lists the account's active businesses; `business` asks for one
/// to act for (`business:<customer_number>` names it).
public enum BusinessScope {
    /// The customer number of a `business:<customer_number>` scope.
    public static func customerNumber(in scope: String) -> String? {
        guard scope.hasPrefix("business:") else { return nil }
        let number = String(scope.dropFirst("business:".count))
        return Business.isCustomerNumber(number) ? number : nil
    }

    /// `{"customer_number", "name", "kind", "role"}`, as in the `memberships` claim.
    public static func membership(_ business: Business, role: BusinessRole) -> JSONValue {
        .object([
            "customer_number": .string(business.customerNumber), "name": .string(business.name), "kind": .string(business.kind.rawValue),
            "role": .string(role.rawValue),
        ])
    }

    /// `{"customer_number", "name", "role"}`, as in the access token's `business` claim.
    public static func actingFor(_ business: Business, role: BusinessRole) -> JSONValue {
        .object(["customer_number": .string(business.customerNumber), "name": .string(business.name), "role": .string(role.rawValue)])
    }
}
