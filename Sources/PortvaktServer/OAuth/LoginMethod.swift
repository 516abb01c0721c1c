import Foundation
import Hummingbird
import PortvaktCore
import PortvaktStore

/// A way to log in (e-mail + password + code, BankID, ...). It serves its own pages under `startPath` and,
/// when the user has proven who they are, hands the result to `LoginCompletion`. The login page lists every
/// registered method; there is no other way to make a session.
public protocol LoginMethod: Sendable {
    /// A short id, as in `amr` and logs: `password`, `bankid`.
    var id: String { get }
    /// Where the login page links to; the pending request's id is added as `?request=`.
    var startPath: String { get }
    /// The `acr` values this method produces, for discovery's `acr_values_supported`.
    var acrValues: [String] { get }
    /// The link's text in `language`.
    func label(_ language: PageLanguage) -> String
    /// Adds the method's routes.
    func addRoutes(to router: Router<PortvaktRequestContext>, completion: LoginCompletion)
}

/// What a login method calls when the user is authenticated: a new session starts (new id, new cookie) and
/// the pending authorization request resumes.
public struct LoginCompletion: Sendable {
    let sessions: LoginSessions
    let binding: BrowserBinding
    let store: any AuthorizationStore & AuditLog
    let now: @Sendable () -> Date

    /// The pending request `id`, if it is alive and was started in this browser. Login methods check it before
    /// showing their pages.
    public func pendingRequest(_ id: String, request: Request) async throws -> PendingAuthorization? {
        guard let pending = try await store.pendingAuthorization(id: id, now: now()),
            binding.matches(request, binding: pending.browserBinding)
        else { return nil }
        return pending
    }

    /// Logs `accountID` in for the pending request `pendingID` and redirects back to the authorization flow, or
    /// to the account page when no app is waiting (`pendingID` nil).
    /// - Throws: `OAuthError` when the pending request has expired or was started in another browser.
    public func complete(
        pendingID: String?, accountID: String, acr: String?, amr: [String], request: Request, context: PortvaktRequestContext
    ) async throws -> Response {
        let now = now()
        if let pendingID, try await pendingRequest(pendingID, request: request) == nil {
            throw OAuthError.invalidClientForRedirect("the login request has expired or was started in another browser")
        }
        if let previous = try await sessions.current(request, now: now) {
            try await sessions.store.endSession(sid: previous.session.sid, at: now)
        }
        let (session, cookie) = try await sessions.start(accountID: accountID, acr: acr, amr: amr, authTime: now, now: now)
        try await store.record(AuditEvent(
            at: now, actor: "account:\(accountID)", action: "login.succeeded", target: accountID, source: context.remoteAddress,
            details: ["sid": session.sid, "amr": amr.joined(separator: " "), "acr": acr ?? ""]))
        let next = pendingID.map { PendingRoutes.url(PendingRoutes.resume, $0) } ?? AccountRoutes.account
        // 303: the login step was a form POST; the next page is fetched with GET.
        var response = Response.redirect(to: next, type: .normal)
        response.setCookie(cookie)
        return response
    }
}
