/// A role at the operator's staff desk. Roles are fixed and scoped: each desk page and action names the role it
/// needs, a staff role gives no power in any business, and a business role gives none at the desk.
public enum StaffRole: String, Sendable, CaseIterable, Codable, Comparable {
    /// Handläggare: decides applications from new customers.
    case reviewer
    /// Kundtjänst: helps customers (its pages come with the customer-service desk); it cannot decide applications.
    case support

    public static func < (a: StaffRole, b: StaffRole) -> Bool { a.rawValue < b.rawValue }
}
