import Foundation
import Hummingbird
import PortvaktCore
import PortvaktStore

/// The boundary of the bearer-token resources: the access token comes in the `Authorization` header or, for a
/// form POST, the body (RFC 6750 §2.1–2.2); it must be one of this server's access tokens (verified by jwt-kit
/// against the key ring), its grant must be live, it must carry `scope`, and it must act for a user. Every
/// failure is an RFC 6750 error with its `WWW-Authenticate` challenge.
struct BearerMiddleware<Store: AuthorizationStore>: RouterMiddleware {
    typealias Context = PortvaktRequestContext

    let store: Store
    let keyRing: KeyRing
    let issuer: String
    /// The scope every route of the group needs.
    let scope: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if request.method == .post, request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true {
            do {
                context.form = try await FormParameters.body(request)
            } catch let error as OAuthError {
                throw OAuthErrorResponse(error, challenge: .bearer)
            }
        }
        let token = try BearerToken.from(request, form: context.form)
        let payload: AccessTokenPayload
        do {
            payload = try await keyRing.verifyAccessToken(token, issuer: issuer)
        } catch {
            throw OAuthErrorResponse(error, challenge: .bearer)
        }
        // A client_credentials token has no grant (the client acts for itself): it is refused below, as these
        // resources are a user's, without a look at the denylist.
        var grant: Grant?
        if let grantID = payload.grant_id {
            guard let live = try await store.grant(id: grantID), live.revokedAt == nil else {
                throw OAuthErrorResponse(.invalidToken("the access token was revoked"), challenge: .bearer)
            }
            grant = live
        }
        guard payload.scopes.contains(scope) else {
            throw OAuthErrorResponse(.insufficientScope("the access token lacks the \(scope) scope"), challenge: .bearer)
        }
        guard let grant, let accountID = grant.accountID else {
            throw OAuthErrorResponse(.invalidToken("the access token is not a user's"), challenge: .bearer)
        }
        context.caller = BearerCaller(grant: grant, accountID: accountID, clientID: payload.client_id, scopes: payload.scopes)
        return try await next(request, context)
    }
}
