import Foundation
import PortvaktCore
import PortvaktStore

/// The values of the business claims, read from the store each time tokens or userinfo are issued, so a role
/// change or a removal shows at the member's next refresh. Which of them go where is `ClaimsPolicy`'s to say.
enum BusinessClaims {
    /// The business claims' values for `scopes` (`BusinessScope.claimValues`); the store is asked only when the
    /// policy releases a business claim for these scopes.
    static func values<Store: BusinessStore>(
        _ store: Store, accountID: String, scopes: [String], policy: ClaimsPolicy = .standard
    ) async throws -> [String: JSONValue] {
        guard policy.releasesAny(of: ["memberships", "business"], scopes: scopes) else { return [:] }
        return BusinessScope.claimValues(try await store.activeMemberships(accountID: accountID), scopes: scopes)
    }
}
