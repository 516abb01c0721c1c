import PortvaktCore

/// The visitor's membership in the business of a business page: the business (activated or not) and their role.
struct BusinessMembership: Sendable {
    var business: Business
    var role: BusinessRole
}
