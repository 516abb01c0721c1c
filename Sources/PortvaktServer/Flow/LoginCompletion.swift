import Foundation
import Hummingbird
import PortvaktCore
import PortvaktStore

/// What a login method calls when the user is authenticated: a new session starts (new id, new cookie) and
/// the pending authorization request resumes.
public struct LoginCompletion: Sendable {
    let sessions: LoginSessions
    let store: any AuthorizationStore & AuditLog
    let now: @Sendable () -> Date

    /// Logs `accountID` in for the flow's pending request and redirects back to the authorization flow, or, when no
    /// app is waiting, to `next` (a page of this server the caller chose), the flow's return target, or the
    /// account page. `FlowMiddleware` has loaded the pending request and checked that it is
    /// alive and this browser's.
    public func complete(
        _ flow: FlowRequest, accountID: String, acr: String?, amr: [String], request: Request, next override: String? = nil
    ) async throws -> Response {
        let now = now()
        if let previous = try await sessions.current(request, now: now) {
            try await sessions.store.endSession(sid: previous.session.sid, at: now)
        }
        let (session, cookie) = try await sessions.start(
            accountID: accountID, acr: acr, amr: amr, authTime: now, now: now, userAgent: request.headers[.userAgent], address: flow.address)
        try await store.record(AuditEvent(
            at: now, actor: "account:\(accountID)", action: "login.succeeded", target: accountID, source: flow.source,
            details: ["sid": session.sid, "amr": amr.joined(separator: " "), "acr": acr ?? ""]))
        // The app that waits, else the page that needed the login, else the account page.
        let next = flow.pendingID.map { PendingRoutes.url(PendingRoutes.resume, $0) } ?? override ?? flow.returnTo?.target.path ?? AccountRoutes.account
        // 303: the login step was a form POST; the next page is fetched with GET.
        var response = Response.redirect(to: next, type: .normal)
        response.setCookie(cookie)
        return response
    }
}
