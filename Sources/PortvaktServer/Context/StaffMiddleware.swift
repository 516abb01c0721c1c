import Foundation
import Hummingbird
import PortvaktCore
import PortvaktStore

/// The boundary of the staff desk (`/staff/**`), behind `AccountMiddleware` (a live session and its account, a
/// logged-out GET sent to the login page and back, every POST's CSRF token checked): whether this session may use
/// the desk, once, as `StaffAccess` decides it. An account without a staff role gets the "no such page" page, which
/// tells nothing about the desk. A session that logged in with a method `staff.login_methods` does not allow gets a
/// page with the ways it does allow, each coming back here (a new login replaces the session). A session older
/// than 12 hours, or 30 minutes without a request to the desk, is ended and told so, with a way to log in again.
/// Nothing at the desk runs for any of them; the roles go on to `StaffRequestContext`.
struct StaffMiddleware<Store: StaffStore & SessionStore & AuditLog>: RouterMiddleware {
    typealias Context = AccountRequestContext

    let store: Store
    let pages: PageRenderer
    let sessions: LoginSessions
    /// `staff.login_methods`.
    let allowed: [StaffLoginMethod]
    /// The login methods this server offers; those whose id names an allowed method are offered for a new login.
    let loginMethods: [any LoginMethod]
    let now: @Sendable () -> Date

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let visitor = context.visitor
        let roles = try await store.staffRoles(accountID: visitor.account.id)
        guard !roles.isEmpty else { throw PageError.notFound(visitor.flow.language) }
        let now = now()
        let session = visitor.session
        let previous = try await store.touchStaffSession(
            sid: session.sid, loggedInAt: session.authTime, at: now, maximumIdle: StaffAccess.maximumIdle)
        switch StaffAccess.decide(
            roles: roles, authTime: session.authTime, amr: session.amr, lastDeskActivity: previous, allowed: allowed, now: now)
        {
        case .allowed(let roles):
            var context = context
            context.staffRoles = roles
            return try await next(request, context)
        case .notStaff:
            throw PageError.notFound(visitor.flow.language)
        case .needsOtherLogin(let allowed):
            try await audit("staff.login_refused", visitor, now: now, details: ["amr": session.amr.joined(separator: " ")])
            return needsOtherLogin(request, visitor, allowed: allowed)
        case .tooOld:
            return try await end(request, visitor, reason: "age", now: now,
                                 message: visitor.flow.text.desk.sessionTooOld(hours: Int(StaffAccess.maximumSessionAge / 3600)))
        case .idle:
            return try await end(request, visitor, reason: "idle", now: now,
                                 message: visitor.flow.text.desk.sessionIdle(minutes: Int(StaffAccess.maximumIdle / 60)))
        }
    }

    /// The ways to log in that the desk allows, each coming back to the page that was asked for.
    private func needsOtherLogin(_ request: Request, _ visitor: Visitor, allowed: [StaffLoginMethod]) -> Response {
        let text = visitor.flow.text
        let ticket = returnTicket(request, visitor)
        var choices = loginMethods.filter { method in allowed.contains { $0.rawValue == method.id } }.map { method in
            let label = method.id == StaffLoginMethod.bankid.rawValue ? text.desk.logInWithBankID : method.label(visitor.flow.language)
            return (href: link(method.startPath, ticket: ticket, visitor), text: label)
        }
        // No allowed method is set up on this server: the login page, whose methods then say what there is.
        if choices.isEmpty { choices = [(href: link(PendingRoutes.login, ticket: ticket, visitor), text: text.desk.logInAgain)] }
        let page = FormPage(
            title: text.desk.needsLoginTitle, lead: allowed == [.bankid] ? text.desk.needsBankIDLead : text.desk.needsAllowedLoginLead, choices: choices,
            forms: [])
        return render(request, visitor, page)
    }

    /// Ends the login session (every grant it made with it) and says why, with a way to log in again.
    private func end(_ request: Request, _ visitor: Visitor, reason: String, now: Date, message: String) async throws -> Response {
        if try await store.endSession(sid: visitor.session.sid, at: now) {
            try await audit("staff.session_ended", visitor, now: now, details: ["sid": visitor.session.sid, "reason": reason])
        }
        let text = visitor.flow.text
        let page = FormPage(
            title: text.desk.sessionEndedTitle, lead: message,
            choices: [(href: link(PendingRoutes.login, ticket: returnTicket(request, visitor), visitor), text: text.desk.logInAgain)], forms: [])
        var response = render(request, visitor, page)
        response.setCookie(sessions.expiredCookie)
        return response
    }

    /// The desk page to come back to after the new login: the page a GET asked for, else the desk's start.
    private func returnTicket(_ request: Request, _ visitor: Visitor) -> String? {
        let target = request.method == .get ? ReturnTarget(request.uri.description) : ReturnTarget(StaffRoutes.desk)
        return (target ?? ReturnTarget(StaffRoutes.desk)).map { ReturnTicket.seal($0, key: sessions.csrfKey, browser: visitor.flow.browser) }
    }

    private func link(_ path: String, ticket: String?, _ visitor: Visitor) -> String {
        var components = URLComponents()
        components.path = path
        components.queryItems = [URLQueryItem(name: "lang", value: visitor.flow.language.rawValue)]
            + (ticket.map { [URLQueryItem(name: "return", value: $0)] } ?? [])
        return components.string ?? path
    }

    /// A refusal is the desk's answer to this request: 403, nothing at the desk ran.
    private func render(_ request: Request, _ visitor: Visitor, _ page: FormPage) -> Response {
        let language = visitor.flow.language
        let back = request.method == .get ? request.uri.string : StaffRoutes.desk
        var response = pages.render(
            "form", title: page.title, language: language, values: page.values, status: .forbidden,
            switchLanguageHref: LanguageChoice.switchLink(from: language, back: back))
        if let cookie = visitor.flow.newCookie { response.setCookie(cookie) }
        return response
    }

    private func audit(_ action: String, _ visitor: Visitor, now: Date, details: [String: String]) async throws {
        try await store.record(AuditEvent(
            at: now, actor: visitor.actor, action: action, target: "account:\(visitor.account.id)", source: visitor.flow.source, details: details))
    }
}
