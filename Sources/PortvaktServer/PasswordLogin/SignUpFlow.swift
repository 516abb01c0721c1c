import Foundation
import Hummingbird
import PortvaktCore
import PortvaktCrypto
import PortvaktStore

/// Creating an account with e-mail and password: the address, a code mailed to it, then a password, a name and
/// the privacy policy's acceptance. The account is created, logged in, and the pending request resumes.
/// An address that already has an account gets a "you already have an account" mail instead of a code, and
/// the pages look the same either way.
struct SignUpFlow<Store: AccountStore & CredentialStore & RateLimitStore & SessionStore & AuthorizationStore & AuditLog & BusinessStore>: Sendable {
    let kit: AccountKit<Store>
    let completion: LoginCompletion
    /// Where BankID starts, when it is on: "Skapa konto med BankID" comes first, as in the customer guide (an
    /// unknown personnummer goes on to sign-up).
    let bankIDStart: String?

    func addRoutes(to group: RouterGroup<FlowRequestContext>) {
        group.get(RouterPath(AccountRoutes.signUp)) { request, context in
            let flow = context.flow
            // From an invitation: the invited address, ready.
            return emailPage(flow, email: try await invitation(flow)?.invitation.email ?? "")
        }
        group.post(RouterPath(AccountRoutes.signUp)) { request, context in try await submitEmail(request, context: context) }
        group.post(RouterPath(AccountRoutes.signUpResend)) { request, context in try await resend(request, context: context) }
        group.get(RouterPath(AccountRoutes.signUpCode)) { request, context in
            let flow = context.flow
            guard let (ticket, sealed) = kit.ticket(request, step: .signUpCode, flow) else { throw PageError.expired(flow) }
            return codePage(flow, email: ticket.subject, ticket: sealed)
        }
        group.post(RouterPath(AccountRoutes.signUpCode)) { request, context in try await verifyCode(request, context: context) }
        group.get(RouterPath(AccountRoutes.signUpDetails)) { request, context in
            let flow = context.flow
            guard let (_, sealed) = kit.ticket(request, step: .signUpDetails, flow) ?? kit.ticket(request, step: .invitedSignUpDetails, flow)
            else { throw PageError.expired(flow) }
            return detailsPage(flow, ticket: sealed, values: [:], errors: [:])
        }
        group.post(RouterPath(AccountRoutes.signUpDetails)) { request, context in try await create(request, context: context) }
    }

    // MARK: - The address

    private func emailPage(_ flow: FlowRequest, email: String, error: String? = nil) -> Response {
        let text = flow.text
        return kit.render(
            FormPage(
                title: text.signUpTitle, lead: text.signUpLead,
                choices: bankIDStart.map { [(flow.link($0), text.signUpWithBankID)] } ?? [],
                forms: [FormView(
                    action: AccountRoutes.signUp, submit: text.sendCode, hidden: flow.hidden + [("csrf", kit.csrf(flow, purpose: "sign-up"))],
                    fields: [FormField(name: "email", label: text.email, type: "email", autocomplete: "email", value: email, error: error)],
                    heading: bankIDStart == nil ? nil : text.signUpWithEmail)],
                links: [(flow.link(AccountRoutes.passwordLogin), text.haveAccountLink)]),
            flow: flow, switchPath: AccountRoutes.signUp, status: error == nil ? .ok : .badRequest)
    }

    func submitEmail(_ request: Request, context: FlowRequestContext) async throws -> Response {
        let (flow, form) = (context.flow, context.form)
        guard kit.checkCSRF(form, flow, purpose: "sign-up")
        else { throw PageError.expired(flow) }
        guard let email = AccountKit<Store>.email(form["email"]) else {
            return emailPage(flow, email: form["email"] ?? "", error: flow.text.invalidEmail)
        }
        if let invited = try await invitation(flow), invited.invitation.email.lowercased() == email.lowercased(),
            try await kit.store.account(email: email) == nil
        {
            // The invitation proves the address: its link went only to that address. No second code.
            try await kit.audit("signup.address_proven", actor: "anonymous", target: email, source: flow.source, details: ["by": "invitation"])
            return kit.nextStep(AccountRoutes.signUpDetails, ticket: detailsTicket(email, flow, step: .invitedSignUpDetails), flow)
        }
        let ticket = kit.seal(FlowTicket(step: .signUpCode, subject: email, request: flow.pendingID, now: kit.now()), flow)
        let sent = try await kit.sendSignUpCode(email, flow: flow)
        // Sent: on to the code page (post/redirect/get). Not sent (asked moments ago): this page says why.
        guard sent == .sent else { return codePage(flow, email: email, ticket: ticket, notice: sent.notice(flow.text, resend: false)) }
        return kit.nextStep(AccountRoutes.signUpCode, ticket: ticket, flow)
    }

    /// The pending invitation a sign-up started from (its link is the flow's return target), with its token.
    private func invitation(_ flow: FlowRequest) async throws -> (invitation: Invitation, token: String)? {
        guard let token = InvitationLink.token(in: flow.returnTo?.target),
            let invitation = try await kit.store.invitation(tokenDigest: Digest.sha256(token), now: kit.now())
        else { return nil }
        return (invitation, token)
    }

    /// The details step's ticket: `.signUpDetails` after the mailed code, `.invitedSignUpDetails` when an
    /// invitation proved the address (which must still hold when the account is made).
    private func detailsTicket(_ email: String, _ flow: FlowRequest, step: FlowTicket.Step = .signUpDetails) -> String {
        kit.seal(FlowTicket(step: step, subject: email, request: flow.pendingID, now: kit.now(), lifetime: 1800), flow)
    }

    private func codePage(_ flow: FlowRequest, email: String, ticket: String, notice: String? = nil, error: String? = nil) -> Response {
        kit.codePage(
            flow, ticket: ticket, action: AccountRoutes.signUpCode, resendAction: AccountRoutes.signUpResend,
            lead: flow.text.codeSent(to: email), notice: notice, error: error)
    }

    func resend(_ request: Request, context: FlowRequestContext) async throws -> Response {
        let (flow, form) = (context.flow, context.form)
        guard let ticket = kit.openTicket(form, step: .signUpCode, flow), let sealed = form["ticket"]
        else { throw PageError.expired(flow) }
        let notice = try await kit.sendSignUpCode(ticket.subject, flow: flow).notice(flow.text, resend: true)
        return codePage(flow, email: ticket.subject, ticket: sealed, notice: notice)
    }

    // MARK: - The code

    func verifyCode(_ request: Request, context: FlowRequestContext) async throws -> Response {
        let (flow, form) = (context.flow, context.form)
        guard let ticket = kit.openTicket(form, step: .signUpCode, flow), let sealed = form["ticket"]
        else { throw PageError.expired(flow) }
        if let error = try await kit.checkCode(form["code"], purpose: .signUp, subject: ticket.subject, account: nil, flow: flow) {
            return codePage(flow, email: ticket.subject, ticket: sealed, error: error)
        }
        return kit.nextStep(AccountRoutes.signUpDetails, ticket: detailsTicket(ticket.subject, flow), flow)
    }

    // MARK: - Password, name and the privacy policy

    private func detailsPage(_ flow: FlowRequest, ticket: String, values: [String: String], errors: [String: String]) -> Response {
        let text = flow.text
        return kit.render(
            FormPage(
                title: text.signUpDetailsTitle, lead: text.signUpDetailsLead,
                forms: [FormView(
                    action: AccountRoutes.signUpDetails, submit: text.acceptAndCreate, hidden: flow.hidden + [("ticket", ticket)],
                    fields: [
                        FormField(
                            name: "password", label: text.password, type: "password", autocomplete: "new-password", error: errors["password"],
                            hint: text.passwordHint),
                        FormField(name: "given_name", label: text.givenName, autocomplete: "given-name", value: values["given_name"] ?? "",
                                  error: errors["given_name"]),
                        FormField(name: "family_name", label: text.familyName, autocomplete: "family-name",
                                  value: values["family_name"] ?? "", error: errors["family_name"]),
                    ],
                    notice: errors["privacy"],
                    agreement: (text.privacyAgreement, flow.link(AccountRoutes.privacy), text.readPrivacy),
                    // Pressing the button is the acceptance: a keyboard user needs only Tab and Enter.
                    button: ("privacy", "yes"))]),
            flow: flow, status: errors.isEmpty ? .ok : .badRequest)
    }

    func create(_ request: Request, context: FlowRequestContext) async throws -> Response {
        let (flow, form) = (context.flow, context.form)
        let byCode = kit.openTicket(form, step: .signUpDetails, flow)
        let byInvitation = byCode == nil ? kit.openTicket(form, step: .invitedSignUpDetails, flow) : nil
        guard let ticket = byCode ?? byInvitation, let sealed = form["ticket"] else { throw PageError.expired(flow) }
        // An address proven by an invitation stays proven only while the invitation is pending (not revoked since).
        if byInvitation != nil {
            guard let invited = try await invitation(flow), invited.invitation.email.lowercased() == ticket.subject.lowercased() else {
                throw PageError.expired(flow)
            }
        }
        let text = flow.text
        let email = ticket.subject
        let givenName = AccountKit<Store>.name(form["given_name"])
        let familyName = AccountKit<Store>.name(form["family_name"])
        let password = form["password"] ?? ""
        var errors: [String: String] = [:]
        errors["password"] = kit.passwordProblem(password, personal: [email, givenName, familyName], language: flow.language)
        if givenName == nil { errors["given_name"] = text.nameRequired }
        if familyName == nil { errors["family_name"] = text.nameRequired }
        if form["privacy"] != "yes" { errors["privacy"] = text.privacyRequired }
        guard errors.isEmpty, let givenName, let familyName else {
            return detailsPage(flow, ticket: sealed, values: form, errors: errors)
        }
        let now = kit.now()
        let account = Account(
            id: RandomToken.generate(bits: 128), email: email, emailVerified: true, givenName: givenName, familyName: familyName,
            locale: flow.language == .sv ? "sv-SE" : "en", createdAt: now, privacyPolicyVersion: PrivacyPolicy.version,
            privacyPolicyAcceptedAt: now)
        let hash = try await kit.hash(password)
        do {
            try await kit.store.createAccount(account)
        } catch let error as StoreError where error.isConflict {
            // The address got an account since its code was sent (another tab, or a decoy code guessed).
            return kit.render(
                FormPage(title: text.signUpTitle, notice: text.accountExistsAlready, forms: [],
                         links: [(flow.link(AccountRoutes.passwordLogin), text.logIn)]),
                flow: flow, status: .conflict)
        }
        try await kit.store.setPasswordHash(accountID: account.id, hash: hash, at: now)
        try await kit.audit(
            "account.created", actor: "account:\(account.id)", target: account.id, source: flow.source,
            details: ["method": "password", "privacy_policy": PrivacyPolicy.version])
        // Signed up from an invitation with the invited address: the invitation is accepted, and the user lands on it.
        var next: String?
        if let invited = try await invitation(flow),
            case .accepted(let number, let role) = try await kit.store.acceptInvitation(
                tokenDigest: Digest.sha256(invited.token), accountID: account.id, verifiedEmail: email, now: now)
        {
            try await kit.audit(
                "business.invitation_accepted", actor: "account:\(account.id)", target: "business:\(number)", source: flow.source,
                details: ["role": role.rawValue, "at": "sign-up"])
            next = BusinessRoutes.business(number) + "?lang=\(flow.language.rawValue)&done=accepted"
        }
        return try await completion.complete(
            flow, accountID: account.id, acr: PasswordLogin<Store>.acr, amr: PasswordLogin<Store>.amr, request: request, next: next)
    }
}
