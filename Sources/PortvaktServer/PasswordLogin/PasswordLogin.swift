import Foundation
import Hummingbird
import PortvaktCore
import PortvaktStore

/// Login with e-mail and password plus a code mailed to the address (`amr` pwd, otp, mfa). It also serves the
/// sign-up and forgotten-password flows, which end the same way.
struct PasswordLogin<Store: AccountStore & CredentialStore & RateLimitStore & SessionStore & AuthorizationStore & AuditLog & BusinessStore>: LoginMethod {
    static var acr: String { "urn:portvakt:acr:password-otp" }
    static var amr: [String] { ["pwd", "otp", "mfa"] }

    let kit: AccountKit<Store>
    /// Where BankID starts, when it is on (the sign-up page offers it first).
    var bankIDStart: String? = nil
    let id = "password"
    let startPath = AccountRoutes.passwordLogin
    var acrValues: [String] { [Self.acr] }

    func label(_ language: PageLanguage) -> String { PageText(language).passwordMethod }

    func addRoutes(to group: RouterGroup<FlowRequestContext>, completion: LoginCompletion) {
        group.get(RouterPath(AccountRoutes.passwordLogin)) { request, context in loginPage(request, context: context) }
        group.post(RouterPath(AccountRoutes.passwordLogin)) { request, context in try await login(request, context: context) }
        group.get(RouterPath(AccountRoutes.passwordLoginCode)) { request, context in
            let flow = context.flow
            guard let (_, sealed) = kit.ticket(request, step: .loginCode, flow) else { throw PageError.expired(flow) }
            return codePage(flow, ticket: sealed)
        }
        group.post(RouterPath(AccountRoutes.passwordLoginCode)) { request, context in
            try await verifyCode(request, context: context, completion: completion)
        }
        group.post(RouterPath(AccountRoutes.passwordLoginResend)) { request, context in try await resend(request, context: context) }
        SignUpFlow(kit: kit, completion: completion, bankIDStart: bankIDStart).addRoutes(to: group)
        PasswordResetFlow(kit: kit).addRoutes(to: group)
    }

    // MARK: - E-mail and password

    func loginPage(_ request: Request, context: FlowRequestContext) -> Response {
        let flow = context.flow
        // `login_hint` fills the address when it is one (OpenID Connect Core §3.1.2.1).
        let hint = flow.pending?.request.loginHint.flatMap(AccountKit<Store>.email) ?? ""
        return page(flow, email: hint)
    }

    private func page(_ flow: FlowRequest, email: String, error: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        let text = flow.text
        return kit.render(
            FormPage(
                title: text.logIn, lead: text.passwordLoginLead,
                forms: [FormView(
                    action: AccountRoutes.passwordLogin, submit: text.continueButton,
                    hidden: flow.hidden + [("csrf", kit.csrf(flow, purpose: "password-login"))],
                    fields: [
                        FormField(name: "email", label: text.email, type: "email", autocomplete: "username", value: email),
                        FormField(name: "password", label: text.password, type: "password", autocomplete: "current-password", error: error),
                    ])],
                links: [
                    (flow.link(AccountRoutes.reset), text.forgotPasswordLink), (flow.link(AccountRoutes.signUp), text.createAccountLink),
                ]),
            flow: flow, switchPath: AccountRoutes.passwordLogin, status: status)
    }

    func login(_ request: Request, context: FlowRequestContext) async throws -> Response {
        let (flow, form) = (context.flow, context.form)
        guard kit.checkCSRF(form, flow, purpose: "password-login") else { throw PageError.expired(flow) }
        let text = flow.text
        let email = (form["email"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let password = form["password"] ?? ""
        guard AccountKit<Store>.email(email) != nil, !password.isEmpty, password.count <= 4 * PasswordPolicy.maximumLength else {
            return page(flow, email: email, error: text.wrongCredentials, status: .badRequest)
        }
        let (outcome, found) = try await kit.checkPassword(email: email, password: password, flow: flow)
        guard outcome == .succeeded, let account = found else {
            return page(
                flow, email: email, error: kit.message(outcome, wrong: text.wrongCredentials, text: text),
                status: outcome == .failed ? .badRequest : .tooManyRequests)
        }
        let ticket = kit.seal(FlowTicket(step: .loginCode, subject: account.id, request: flow.pendingID, now: kit.now()), flow)
        let sent = try await kit.sendCode(
            purpose: .login, subject: account.id, to: account.email ?? email, flow: flow, actor: "account:\(account.id)")
        guard sent == .sent else { return codePage(flow, ticket: ticket, notice: sent.notice(text, resend: false)) }
        return kit.nextStep(AccountRoutes.passwordLoginCode, ticket: ticket, flow)
    }

    private func codePage(_ flow: FlowRequest, ticket: String, notice: String? = nil, error: String? = nil) -> Response {
        kit.codePage(
            flow, ticket: ticket, action: AccountRoutes.passwordLoginCode, resendAction: AccountRoutes.passwordLoginResend,
            lead: flow.text.loginCodeSent, notice: notice, error: error)
    }

    // MARK: - The code

    func verifyCode(_ request: Request, context: FlowRequestContext, completion: LoginCompletion) async throws -> Response {
        let (flow, form) = (context.flow, context.form)
        guard let ticket = kit.openTicket(form, step: .loginCode, flow), let sealed = form["ticket"],
            let account = try await kit.store.account(id: ticket.subject)
        else { throw PageError.expired(flow) }
        if let error = try await kit.checkCode(form["code"], purpose: .login, subject: account.id, account: account, flow: flow) {
            return codePage(flow, ticket: sealed, error: error)
        }
        // Both factors are in: this address's earlier failures no longer slow it down.
        if let email = account.email { try await kit.forgetPasswordFailures(email: email, flow: flow) }
        return try await completion.complete(flow, accountID: account.id, acr: Self.acr, amr: Self.amr, request: request)
    }

    func resend(_ request: Request, context: FlowRequestContext) async throws -> Response {
        let (flow, form) = (context.flow, context.form)
        guard let ticket = kit.openTicket(form, step: .loginCode, flow), let sealed = form["ticket"],
            let account = try await kit.store.account(id: ticket.subject), let address = account.email
        else { throw PageError.expired(flow) }
        let sent = try await kit.sendCode(purpose: .login, subject: account.id, to: address, flow: flow, actor: "account:\(account.id)")
        return codePage(flow, ticket: sealed, notice: sent.notice(flow.text, resend: true))
    }
}
