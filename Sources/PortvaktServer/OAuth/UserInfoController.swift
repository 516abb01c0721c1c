import Foundation
import Hummingbird
import PortvaktCore
import PortvaktStore

/// The UserInfo endpoint (OpenID Connect Core §5.3): claims by scope for the caller of a valid bearer access token
/// with `openid` (`BearerMiddleware`).
struct UserInfoController<Store: AccountStore & AuthorizationStore & BusinessStore> {
    let store: Store
    let keyRing: KeyRing
    let issuer: String

    func addRoutes(to router: Router<PortvaktRequestContext>) {
        let group = router.group()
            .add(middleware: BearerMiddleware(store: store, keyRing: keyRing, issuer: issuer, scope: "openid"))
            .group(context: BearerRequestContext.self)
        group.get(RouterPath(Endpoints.userinfo)) { _, context in try await userinfo(context.caller) }
        group.post(RouterPath(Endpoints.userinfo)) { _, context in try await userinfo(context.caller) }
    }

    func userinfo(_ caller: BearerCaller) async throws -> Response {
        guard let account = try await store.account(id: caller.accountID) else {
            throw OAuthErrorResponse(.invalidToken("the account no longer exists"), challenge: .bearer)
        }
        let business = try await BusinessClaims.values(store, accountID: caller.accountID, scopes: caller.scopes)
        let claims = ClaimsPolicy.standard.claims(
            for: .userinfo, scopes: caller.scopes, requested: caller.grant.userinfoClaims,
            from: account.profile.claimValues.merging(business) { _, business in business })
        return try Response.json(claims.values)
    }
}
