/// The account's membership in an activated business: the only memberships the business scopes and claims count.
/// A business that is linked but not activated is not one the account can act for yet, so there is no value of
/// this type for it.
public struct ActiveMembership: Sendable, Equatable {
    public let business: Business
    public let role: BusinessRole

    /// Nil when the business is not activated.
    public init?(business: Business, role: BusinessRole) {
        guard business.activatedAt != nil else { return nil }
        self.business = business
        self.role = role
    }

    public var customerNumber: String { business.customerNumber }
}
