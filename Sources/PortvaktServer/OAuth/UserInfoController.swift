import Foundation
import Hummingbird
import PortvaktCore
import PortvaktStore

/// The UserInfo endpoint (OpenID Connect Core §5.3): claims by scope for a valid bearer access token, which
/// comes in the `Authorization` header or, for POST, the form body (RFC 6750 §2.1–2.2).
struct UserInfoController<Store: AccountStore & AuthorizationStore & BusinessStore> {
    let store: Store
    let keyRing: KeyRing
    let issuer: String

    func addRoutes(to router: Router<PortvaktRequestContext>) {
        router.get(RouterPath(Endpoints.userinfo)) { request, _ in
            try await userinfo(token: try BearerToken.from(request, form: [:]))
        }
        router.post(RouterPath(Endpoints.userinfo)) { request, _ in
            let form = request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true
                ? try await FormParameters.body(request) : [:]
            return try await userinfo(token: try BearerToken.from(request, form: form))
        }
    }

    func userinfo(token: String) async throws -> Response {
        let payload: AccessTokenPayload
        do {
            payload = try await keyRing.verifyAccessToken(token, issuer: issuer)
        } catch {
            throw OAuthErrorResponse(error, challenge: .bearer)
        }
        guard let grant = try await store.grant(id: payload.grant_id), grant.revokedAt == nil else {
            throw OAuthErrorResponse(.invalidToken("the access token was revoked"), challenge: .bearer)
        }
        guard payload.scopes.contains("openid"), let accountID = grant.accountID else {
            throw OAuthErrorResponse(.insufficientScope("the access token lacks the openid scope"), challenge: .bearer)
        }
        guard let account = try await store.account(id: accountID) else {
            throw OAuthErrorResponse(.invalidToken("the account no longer exists"), challenge: .bearer)
        }
        let business = try await BusinessClaims.values(store, accountID: accountID, scopes: payload.scopes)
        let claims = ClaimsPolicy.standard.claims(
            for: .userinfo, scopes: payload.scopes, requested: grant.userinfoClaims,
            from: account.profile.claimValues.merging(business) { _, business in business })
        return try Response.json(claims.values)
    }
}

/// Finds the bearer token of a request: exactly one of the header or the form body, never the query.
enum BearerToken {
    static func from(_ request: Request, form: [String: String]) throws -> String {
        var found: [String] = []
        if let header = request.headers[.authorization] {
            guard header.lowercased().hasPrefix("bearer "), !header.dropFirst(7).trimmingCharacters(in: .whitespaces).isEmpty else {
                throw OAuthErrorResponse(.invalidRequest("the Authorization header is not a Bearer token"), challenge: .bearer)
            }
            found.append(header.dropFirst(7).trimmingCharacters(in: .whitespaces))
        }
        if let body = form["access_token"] { found.append(body) }
        guard found.count == 1 else {
            let error: OAuthError = found.isEmpty
                ? OAuthError(code: "invalid_request", description: "no access token", status: 401)
                : .invalidRequest("send the access token one way only")
            throw OAuthErrorResponse(error, challenge: .bearer)
        }
        return found[0]
    }
}
