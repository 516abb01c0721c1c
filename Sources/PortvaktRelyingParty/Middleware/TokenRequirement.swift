/// What a route asks of an access token beyond its validity; `check` throws the `VerificationError` naming the
/// unmet one (`scope`, `business` or `role`), which `BearerMiddleware` answers with 403.
public enum TokenRequirement: Sendable, Equatable {
    /// The token's `scope` has it.
    case scope(String)
    /// The token acts for a business (its `business` claim); for this one when a customer number is given.
    case business(String?)
    /// This role in the business the token acts for.
    case role(Role)

    public func check(_ token: AccessToken) throws {
        switch self {
        case .scope(let scope):
            guard token.scopes.contains(scope) else { throw VerificationError(.scope, "the token lacks the scope \(scope)") }
        case .business(let number):
            guard let business = try token.business() else { throw VerificationError(.business, "the token acts for no business") }
            if let number, business.customerNumber != number {
                throw VerificationError(.business, "the token acts for \(business.customerNumber), not \(number)")
            }
        case .role(let role):
            guard let business = try token.business() else { throw VerificationError(.business, "the token acts for no business") }
            guard business.role == role else {
                throw VerificationError(.role, "the role in \(business.customerNumber) is \(business.role.rawValue), not \(role.rawValue)")
            }
        }
    }
}
