import Foundation
import Hummingbird
import PortvaktCore
import PortvaktStore

/// A forgotten password: the address, a code mailed to it, then a new password. Every session and refresh token
/// of the account ends. An address without an account is answered exactly like one with an account.
struct PasswordResetFlow<Store: AccountStore & CredentialStore & SessionStore & AuthorizationStore & AuditLog>: Sendable {
    let kit: AccountKit<Store>

    func addRoutes(to router: Router<PortvaktRequestContext>) {
        router.get(RouterPath(AccountRoutes.reset)) { request, context in
            guard let flow = try await kit.begin(request, context: context) else { return kit.expired(request) }
            return emailPage(flow, email: "")
        }
        router.post(RouterPath(AccountRoutes.reset)) { request, context in try await submitEmail(request, context: context) }
        router.post(RouterPath(AccountRoutes.resetResend)) { request, context in try await resend(request, context: context) }
        router.post(RouterPath(AccountRoutes.resetCode)) { request, context in try await verifyCode(request, context: context) }
        router.post(RouterPath(AccountRoutes.resetPassword)) { request, context in try await setPassword(request, context: context) }
    }

    private func emailPage(_ flow: FlowRequest, email: String, error: String? = nil) -> Response {
        let text = flow.text
        return kit.render(
            FormPage(
                title: text.resetTitle, lead: text.resetLead,
                forms: [FormView(
                    action: AccountRoutes.reset, submit: text.sendCode, hidden: flow.hidden + [("csrf", kit.csrf(flow, purpose: "reset"))],
                    fields: [FormField(name: "email", label: text.email, type: "email", autocomplete: "email", value: email, error: error)])],
                links: [(flow.link(AccountRoutes.passwordLogin), text.logIn)]),
            flow: flow, switchPath: AccountRoutes.reset, status: error == nil ? .ok : .badRequest)
    }

    /// The subject of reset codes is the address as the user typed it (lowercased by the store), never the
    /// account id: the ticket must not tell whether an account exists.
    private func send(_ email: String, flow: FlowRequest) async throws -> AccountKit<Store>.SendResult {
        let account = try await kit.store.account(email: email)
        return try await kit.sendCode(
            purpose: .passwordReset, subject: email, to: account?.email ?? email, mail: account == nil ? .nothing : .code, flow: flow,
            actor: "anonymous")
    }

    private func codePage(_ flow: FlowRequest, email: String, ticket: String, notice: String? = nil, error: String? = nil) -> Response {
        kit.codePage(
            flow, ticket: ticket, action: AccountRoutes.resetCode, resendAction: AccountRoutes.resetResend,
            lead: flow.text.codeSentIfAccount(to: email), notice: notice, error: error)
    }

    func submitEmail(_ request: Request, context: PortvaktRequestContext) async throws -> Response {
        let form = await kit.form(request)
        guard let flow = try await kit.resume(request, form: form, context: context), kit.checkCSRF(form, flow, purpose: "reset")
        else { return kit.expired(request) }
        guard let email = AccountKit<Store>.email(form["email"]) else {
            return emailPage(flow, email: form["email"] ?? "", error: flow.text.invalidEmail)
        }
        let ticket = kit.seal(FlowTicket(step: .resetCode, subject: email, request: flow.pendingID, now: kit.now()), flow)
        let notice: String? = if case .wait(let seconds) = try await send(email, flow: flow) { flow.text.resendWait(seconds: seconds) } else { nil }
        return codePage(flow, email: email, ticket: ticket, notice: notice)
    }

    func resend(_ request: Request, context: PortvaktRequestContext) async throws -> Response {
        let form = await kit.form(request)
        guard let flow = try await kit.resume(request, form: form, context: context),
            let ticket = kit.openTicket(form, step: .resetCode, flow), let sealed = form["ticket"]
        else { return kit.expired(request) }
        let notice = switch try await send(ticket.subject, flow: flow) {
        case .sent: flow.text.newCodeSent
        case .wait(let seconds): flow.text.resendWait(seconds: seconds)
        }
        return codePage(flow, email: ticket.subject, ticket: sealed, notice: notice)
    }

    func verifyCode(_ request: Request, context: PortvaktRequestContext) async throws -> Response {
        let form = await kit.form(request)
        guard let flow = try await kit.resume(request, form: form, context: context),
            let ticket = kit.openTicket(form, step: .resetCode, flow), let sealed = form["ticket"]
        else { return kit.expired(request) }
        if let error = try await kit.checkCode(form["code"], purpose: .passwordReset, subject: ticket.subject, text: flow.text) {
            return codePage(flow, email: ticket.subject, ticket: sealed, error: error)
        }
        let next = kit.seal(
            FlowTicket(step: .resetPassword, subject: ticket.subject, request: flow.pendingID, now: kit.now(), lifetime: OneTimeCode.lifetime), flow)
        return passwordPage(flow, ticket: next)
    }

    private func passwordPage(_ flow: FlowRequest, ticket: String, error: String? = nil) -> Response {
        let text = flow.text
        return kit.render(
            FormPage(
                title: text.newPasswordTitle,
                forms: [FormView(
                    action: AccountRoutes.resetPassword, submit: text.save, hidden: flow.hidden + [("ticket", ticket)],
                    fields: [FormField(
                        name: "password", label: text.newPassword, type: "password", autocomplete: "new-password", error: error,
                        hint: text.passwordHint)])]),
            flow: flow, status: error == nil ? .ok : .badRequest)
    }

    func setPassword(_ request: Request, context: PortvaktRequestContext) async throws -> Response {
        let form = await kit.form(request)
        guard let flow = try await kit.resume(request, form: form, context: context),
            let ticket = kit.openTicket(form, step: .resetPassword, flow), let sealed = form["ticket"],
            let account = try await kit.store.account(email: ticket.subject)
        else { return kit.expired(request) }
        let password = form["password"] ?? ""
        if let problem = kit.passwordProblem(
            password, personal: [account.email, account.givenName, account.familyName], language: flow.language)
        {
            return passwordPage(flow, ticket: sealed, error: problem)
        }
        let now = kit.now()
        try await kit.store.setPasswordHash(accountID: account.id, hash: try await kit.hash(password), at: now)
        // Whoever knew the old password is out: every session and every refresh token of the account ends.
        let ended = try await kit.store.endSessions(accountID: account.id, except: nil, at: now)
        try await kit.store.revokeGrants(accountID: account.id, at: now)
        try await kit.store.clearFailures(key: AccountKit<Store>.accountKey(ticket.subject))
        try await kit.audit(
            "password.reset", actor: "account:\(account.id)", target: account.id, source: flow.source, details: ["sessions_ended": "\(ended)"])
        if let address = account.email {
            try await kit.mail.enqueue(to: MailAddress(address: address), text: .passwordChanged(language: flow.language), now: now)
        }
        var response = kit.render(
            FormPage(
                title: flow.text.newPasswordTitle, notice: flow.text.passwordResetDone, forms: [],
                links: [(flow.link(AccountRoutes.passwordLogin), flow.text.logIn)]),
            flow: flow)
        response.setCookie(kit.sessions.expiredCookie)
        return response
    }
}
