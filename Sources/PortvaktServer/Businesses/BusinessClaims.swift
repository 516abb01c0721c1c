import Foundation
import PortvaktCore
import PortvaktStore

/// The business claims of tokens and userinfo, read from the store each time they are issued, so a role
/// change or a removal shows at the member's next refresh. Only activated businesses appear.
enum BusinessClaims {
    static func claims<Store: BusinessStore>(_ store: Store, accountID: String, scopes: [String]) async throws -> [String: JSONValue] {
        let wantsMemberships = scopes.contains("memberships")
        let acting = scopes.lazy.compactMap(BusinessScope.customerNumber(in:)).first
        guard wantsMemberships || acting != nil else { return [:] }
        let active = try await store.memberships(accountID: accountID).filter { $0.business.activatedAt != nil }
        var claims: [String: JSONValue] = [:]
        if wantsMemberships { claims["memberships"] = .array(active.map { BusinessScope.membership($0.business, role: $0.role) }) }
        if let acting, let entry = active.first(where: { $0.business.customerNumber == acting }) {
            claims["business"] = BusinessScope.actingFor(entry.business, role: entry.role)
        }
        return claims
    }

    /// The scopes a code is issued with: `business` becomes `business:<customer_number>` when the account has
    /// exactly one active business, and a named business must be one of the account's.
    /// - Throws: `OAuthError.invalidScope` otherwise.
    static func resolve<Store: BusinessStore>(_ store: Store, accountID: String, scopes: [String]) async throws -> [String] {
        guard scopes.contains(where: { $0 == "business" || BusinessScope.customerNumber(in: $0) != nil }) else { return scopes }
        let active = try await store.memberships(accountID: accountID).filter { $0.business.activatedAt != nil }
        return try scopes.map { scope in
            if let number = BusinessScope.customerNumber(in: scope) {
                guard active.contains(where: { $0.business.customerNumber == number }) else {
                    throw OAuthError.invalidScope("the account is not a member of an active business \(number)")
                }
                return scope
            }
            guard scope == "business" else { return scope }
            guard active.count == 1, let only = active.first else {
                throw OAuthError.invalidScope(
                    active.isEmpty ? "the account has no active business" : "the account has several businesses: ask for business:<customer_number>")
            }
            return "business:\(only.business.customerNumber)"
        }
    }
}
