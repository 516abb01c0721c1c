import Foundation
import Hummingbird
import PortvaktCore
import PortvaktCrypto
import PortvaktStore

/// A forgotten password: the address, a code mailed to it, then a new password. Every session and refresh token
/// of the account ends. An address without an account is answered exactly like one with an account.
struct PasswordResetFlow<Store: AccountStore & CredentialStore & RateLimitStore & SessionStore & AuthorizationStore & AuditLog>: Sendable {
    let kit: AccountKit<Store>

    func addRoutes(to group: RouterGroup<FlowRequestContext>) {
        group.get(RouterPath(AccountRoutes.reset)) { request, context in
            let flow = context.flow
            return emailPage(flow, email: "")
        }
        group.post(RouterPath(AccountRoutes.reset)) { request, context in try await submitEmail(request, context: context) }
        group.post(RouterPath(AccountRoutes.resetResend)) { request, context in try await resend(request, context: context) }
        group.post(RouterPath(AccountRoutes.resetCode)) { request, context in try await verifyCode(request, context: context) }
        group.post(RouterPath(AccountRoutes.resetPassword)) { request, context in try await setPassword(request, context: context) }
        // The steps' pages (post/redirect/get): each POST that succeeds answers 303 to one of them.
        group.get(RouterPath(AccountRoutes.resetCode)) { request, context in
            let flow = context.flow
            guard let (ticket, sealed) = kit.ticket(request, step: .resetCode, flow) else { throw PageError.expired(flow) }
            return codePage(flow, email: ticket.subject, ticket: sealed)
        }
        group.get(RouterPath(AccountRoutes.resetPassword)) { request, context in
            let flow = context.flow
            guard let (_, sealed) = kit.ticket(request, step: .resetPassword, flow) else { throw PageError.expired(flow) }
            return passwordPage(flow, ticket: sealed)
        }
        group.get(RouterPath(AccountRoutes.resetDone)) { _, context in
            let flow = context.flow
            return kit.render(
                FormPage(
                    title: flow.text.newPasswordTitle, notice: flow.text.passwordResetDone, forms: [],
                    links: [(flow.link(AccountRoutes.passwordLogin), flow.text.logIn)]),
                flow: flow)
        }
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

    /// The account a reset can be for: one with this address and a password. An account that logs in only by
    /// other means (BankID) does not get a password by mail: that would make its mailbox a way in.
    private func resettable(_ email: String) async throws -> (Account, hash: String)? {
        guard let account = try await kit.store.account(email: email), let hash = try await kit.store.passwordHash(accountID: account.id)
        else { return nil }
        return (account, hash)
    }

    /// The subject of reset codes is the address as the user typed it (lowercased by the store), never the
    /// account id: the ticket must not tell whether an account exists.
    private func send(_ email: String, flow: FlowRequest) async throws -> AccountKit<Store>.SendResult {
        let found = try await resettable(email)
        return try await kit.sendCode(
            purpose: .passwordReset, subject: email, to: found?.0.email ?? email, mail: found == nil ? .nothing : .code, flow: flow,
            actor: "anonymous")
    }

    /// The new-password ticket names the account and the password hash it replaces, so it works once: after
    /// the change (or any other), the hash differs and the ticket is void.
    private static func resetSubject(_ accountID: String, hash: String) -> String {
        "\(accountID) \(Base64URL.encode(Digest.sha256(hash).prefix(12)))"
    }

    private func codePage(_ flow: FlowRequest, email: String, ticket: String, notice: String? = nil, error: String? = nil) -> Response {
        kit.codePage(
            flow, ticket: ticket, action: AccountRoutes.resetCode, resendAction: AccountRoutes.resetResend,
            lead: flow.text.codeSentIfAccount(to: email), notice: notice, error: error)
    }

    func submitEmail(_ request: Request, context: FlowRequestContext) async throws -> Response {
        let (flow, form) = (context.flow, context.form)
        guard kit.checkCSRF(form, flow, purpose: "reset")
        else { throw PageError.expired(flow) }
        guard let email = AccountKit<Store>.email(form["email"]) else {
            return emailPage(flow, email: form["email"] ?? "", error: flow.text.invalidEmail)
        }
        let ticket = kit.seal(FlowTicket(step: .resetCode, subject: email, request: flow.pendingID, now: kit.now()), flow)
        // The same answer whether or not the address has an account: a code is kept for both.
        let sent = try await send(email, flow: flow)
        guard sent == .sent else { return codePage(flow, email: email, ticket: ticket, notice: sent.notice(flow.text, resend: false)) }
        return kit.nextStep(AccountRoutes.resetCode, ticket: ticket, flow)
    }

    func resend(_ request: Request, context: FlowRequestContext) async throws -> Response {
        let (flow, form) = (context.flow, context.form)
        guard let ticket = kit.openTicket(form, step: .resetCode, flow), let sealed = form["ticket"]
        else { throw PageError.expired(flow) }
        let notice = try await send(ticket.subject, flow: flow).notice(flow.text, resend: true)
        return codePage(flow, email: ticket.subject, ticket: sealed, notice: notice)
    }

    func verifyCode(_ request: Request, context: FlowRequestContext) async throws -> Response {
        let (flow, form) = (context.flow, context.form)
        guard let ticket = kit.openTicket(form, step: .resetCode, flow), let sealed = form["ticket"]
        else { throw PageError.expired(flow) }
        if let error = try await kit.checkCode(form["code"], purpose: .passwordReset, subject: ticket.subject, account: nil, flow: flow) {
            return codePage(flow, email: ticket.subject, ticket: sealed, error: error)
        }
        guard let (account, hash) = try await resettable(ticket.subject) else { throw PageError.expired(flow) }
        let next = kit.seal(
            FlowTicket(
                step: .resetPassword, subject: Self.resetSubject(account.id, hash: hash), request: flow.pendingID, now: kit.now(),
                lifetime: OneTimeCode.lifetime),
            flow)
        return kit.nextStep(AccountRoutes.resetPassword, ticket: next, flow)
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

    func setPassword(_ request: Request, context: FlowRequestContext) async throws -> Response {
        let (flow, form) = (context.flow, context.form)
        guard let ticket = kit.openTicket(form, step: .resetPassword, flow), let sealed = form["ticket"],
            let accountID = ticket.subject.split(separator: " ").first.map(String.init),
            let account = try await kit.store.account(id: accountID),
            let hash = try await kit.store.passwordHash(accountID: accountID), ticket.subject == Self.resetSubject(accountID, hash: hash)
        else { throw PageError.expired(flow) }
        let password = form["password"] ?? ""
        if let problem = kit.passwordProblem(
            password, personal: [account.email, account.givenName, account.familyName], language: flow.language)
        {
            return passwordPage(flow, ticket: sealed, error: problem)
        }
        let now = kit.now()
        try await kit.store.setPasswordHash(accountID: account.id, hash: try await kit.hash(password), at: now)
        // Whoever knew the old password is out: every session, refresh token and outstanding code of the account ends.
        let ended = try await kit.store.endSessions(accountID: account.id, except: nil, at: now)
        try await kit.store.revokeGrants(accountID: account.id, at: now)
        try await kit.store.voidOneTimeCodes(subject: account.id)
        if let address = account.email { try await kit.forgetPasswordFailures(email: address, flow: flow) }
        try await kit.audit(
            "password.reset", actor: "account:\(account.id)", target: account.id, source: flow.source, details: ["sessions_ended": "\(ended)"])
        if let address = account.email {
            try await kit.mail.enqueue(to: MailAddress(address: address), text: .passwordChanged(language: flow.language, ui: kit.mail.ui), now: now)
        }
        var response = Response.redirect(to: flow.link(AccountRoutes.resetDone), type: .normal)
        response.setCookie(kit.sessions.expiredCookie)
        return response
    }
}
