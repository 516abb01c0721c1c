/// The business scopes and claims. `memberships` lists the account's active businesses; `business` asks for one
/// to act for (`business:<customer_number>` names it).
public enum BusinessScope {
    /// The scope that asks to act for a business the user picks (or the only one).
    public static let any = "business"
    /// How the claims policy writes "any `business:<customer_number>` scope".
    public static let namedPattern = "business:<customer_number>"

    /// The customer number of a `business:<customer_number>` scope.
    public static func customerNumber(in scope: String) -> String? {
        guard scope.hasPrefix("business:") else { return nil }
        let number = String(scope.dropFirst("business:".count))
        return Business.isCustomerNumber(number) ? number : nil
    }

    /// The one business granted `scopes` act for (`business:<customer_number>`), if any: a token that names a
    /// business acts for that business only, in every API it reaches.
    public static func namedBusiness(in scopes: [String]) -> String? {
        scopes.lazy.compactMap(customerNumber(in:)).first
    }

    /// `business` or `business:<customer_number>`: a scope that asks to act for a business.
    public static func isBusinessScope(_ scope: String) -> Bool {
        scope == any || customerNumber(in: scope) != nil
    }

    /// The scope that acts for `customerNumber`.
    public static func scope(for customerNumber: String) -> String { "business:\(customerNumber)" }

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

    /// The values of the business claims for `scopes`: `memberships` (every active business) and `business` (the one
    /// a `business:<customer_number>` scope names, if the account is an active member). Which of them a token or
    /// userinfo carries is the `ClaimsPolicy`'s to say.
    public static func claimValues(_ active: [ActiveMembership], scopes: [String]) -> [String: JSONValue] {
        var values: [String: JSONValue] = ["memberships": .array(active.map { membership($0.business, role: $0.role) })]
        if let acting = scopes.lazy.compactMap(customerNumber(in:)).first, let entry = active.first(where: { $0.customerNumber == acting }) {
            values["business"] = actingFor(entry.business, role: entry.role)
        }
        return values
    }
}
