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
        let active = try await store.activeMemberships(accountID: accountID)
        var claims: [String: JSONValue] = [:]
        if wantsMemberships { claims["memberships"] = .array(active.map { BusinessScope.membership($0.business, role: $0.role) }) }
        if let acting, let entry = active.first(where: { $0.customerNumber == acting }) {
            claims["business"] = BusinessScope.actingFor(entry.business, role: entry.role)
        }
        return claims
    }
}
