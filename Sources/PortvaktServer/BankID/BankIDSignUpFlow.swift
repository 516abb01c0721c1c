import Foundation
import Hummingbird
import PortvaktBankID
import PortvaktCore
import PortvaktCrypto
import PortvaktStore

/// Sign-up after BankID, for a personnummer without an account: the name comes from BankID; the e-mail address
/// is verified with a mailed code (as in the password sign-up) and the privacy policy is accepted. The account
/// is created with its BankID identity and logged in. The completed order is used once.
struct BankIDSignUpFlow<Store: AccountStore & CredentialStore & RateLimitStore & SessionStore & AuthorizationStore & AuditLog & BankIDOrderStore>: Sendable {
    let kit: AccountKit<Store>
    let completion: LoginCompletion

    func addRoutes(to group: RouterGroup<FlowRequestContext>) {
        group.get(RouterPath(BankIDRoutes.signUp)) { request, context in
            let (flow, order, data) = try await state(request.uri.queryParameters["id"].map(String.init), context: context)
            return emailPage(flow, order: order, name: data.user.name, email: "")
        }
        group.post(RouterPath(BankIDRoutes.signUp)) { request, context in try await submitEmail(request, context: context) }
        group.post(RouterPath(BankIDRoutes.signUpResend)) { request, context in try await resend(request, context: context) }
        group.post(RouterPath(BankIDRoutes.signUpCode)) { request, context in try await verifyCode(request, context: context) }
        group.post(RouterPath(BankIDRoutes.signUpDetails)) { request, context in try await create(request, context: context) }
        // The steps' pages (post/redirect/get).
        group.get(RouterPath(BankIDRoutes.signUpCode)) { request, context in
            let (flow, order, _) = try await state(request.uri.queryParameters["id"].map(String.init), context: context)
            let query = ["ticket": request.uri.queryParameters["ticket"].map(String.init) ?? ""]
            guard let email = email(query, step: .bankIDSignUpCode, flow: flow, order: order) else { throw PageError.expired(flow) }
            return codePage(flow, order: order, email: email, ticket: query["ticket"] ?? "")
        }
        group.get(RouterPath(BankIDRoutes.signUpDetails)) { request, context in
            let (flow, order, data) = try await state(request.uri.queryParameters["id"].map(String.init), context: context)
            let query = ["ticket": request.uri.queryParameters["ticket"].map(String.init) ?? ""]
            guard email(query, step: .bankIDSignUpDetails, flow: flow, order: order) != nil else { throw PageError.expired(flow) }
            return detailsPage(flow, order: order, name: data.user.name, ticket: query["ticket"] ?? "")
        }
    }

    /// The completed, unused order named `orderID` of this browser, for the flow's pending request (which
    /// `FlowMiddleware` has loaded and checked), with no account for its personnummer yet.
    private func state(_ orderID: String?, context: FlowRequestContext) async throws -> (FlowRequest, BankIDOrder, BankIDCompletion) {
        let flow = context.flow
        guard let orderID, orderID.count <= 128, let order = try await kit.store.bankIDOrder(id: orderID, seenAt: nil), order.status == .complete,
            ConstantTime.equal(order.browserBinding, flow.browser), order.pendingID == flow.pendingID, let data = order.completion,
            try await kit.store.account(personalNumber: data.user.personalNumber) == nil
        else { throw PageError.expired(flow) }
        return (flow, order, data)
    }

    private func emailPage(_ flow: FlowRequest, order: BankIDOrder, name: String, email: String, error: String? = nil) -> Response {
        let text = flow.text
        return kit.render(
            FormPage(
                title: text.signUpTitle, lead: text.bankIDSignUpLead,
                forms: [FormView(
                    action: BankIDRoutes.signUp, submit: text.sendCode,
                    hidden: flow.hidden + [("id", order.id), ("csrf", kit.csrf(flow, purpose: "bankid-signup:\(order.id)"))],
                    fields: [FormField(name: "email", label: text.email, type: "email", autocomplete: "email", value: email, error: error)],
                    lines: [text.bankIDSignUpName(name)])]),
            flow: flow, status: error == nil ? .ok : .badRequest)
    }

    private func codePage(_ flow: FlowRequest, order: BankIDOrder, email: String, ticket: String, notice: String? = nil, error: String? = nil) -> Response {
        kit.codePage(
            flow, ticket: ticket, action: BankIDRoutes.signUpCode, resendAction: BankIDRoutes.signUpResend, lead: flow.text.codeSent(to: email),
            notice: notice, error: error, hidden: [("id", order.id)])
    }

    /// The address a posted ticket of `step` carries, if it is this order's.
    private func email(_ form: [String: String], step: FlowTicket.Step, flow: FlowRequest, order: BankIDOrder) -> String? {
        guard let ticket = kit.openTicket(form, step: step, flow), ticket.subject.hasPrefix("\(order.id) ") else { return nil }
        return String(ticket.subject.dropFirst(order.id.count + 1))
    }

    func submitEmail(_ request: Request, context: FlowRequestContext) async throws -> Response {
        let (flow, order, data) = try await state(context.form["id"], context: context)
        let form = context.form
        guard kit.checkCSRF(form, flow, purpose: "bankid-signup:\(order.id)")
        else { throw PageError.expired(flow) }
        guard let email = AccountKit<Store>.email(form["email"]) else {
            return emailPage(flow, order: order, name: data.user.name, email: form["email"] ?? "", error: flow.text.invalidEmail)
        }
        let ticket = kit.seal(FlowTicket(step: .bankIDSignUpCode, subject: "\(order.id) \(email)", request: flow.pendingID, now: kit.now()), flow)
        let sent = try await kit.sendSignUpCode(email, flow: flow)
        guard sent == .sent else { return codePage(flow, order: order, email: email, ticket: ticket, notice: sent.notice(flow.text, resend: false)) }
        return kit.nextStep(BankIDRoutes.signUpCode, ticket: ticket, flow, query: [("id", order.id)])
    }

    func resend(_ request: Request, context: FlowRequestContext) async throws -> Response {
        let (flow, order, _) = try await state(context.form["id"], context: context)
        let form = context.form
        guard let email = email(form, step: .bankIDSignUpCode, flow: flow, order: order), let sealed = form["ticket"]
        else { throw PageError.expired(flow) }
        let notice = try await kit.sendSignUpCode(email, flow: flow).notice(flow.text, resend: true)
        return codePage(flow, order: order, email: email, ticket: sealed, notice: notice)
    }

    func verifyCode(_ request: Request, context: FlowRequestContext) async throws -> Response {
        let (flow, order, _) = try await state(context.form["id"], context: context)
        let form = context.form
        guard let email = email(form, step: .bankIDSignUpCode, flow: flow, order: order), let sealed = form["ticket"]
        else { throw PageError.expired(flow) }
        if let error = try await kit.checkCode(form["code"], purpose: .signUp, subject: email, account: nil, flow: flow) {
            return codePage(flow, order: order, email: email, ticket: sealed, error: error)
        }
        let details = kit.seal(
            FlowTicket(step: .bankIDSignUpDetails, subject: "\(order.id) \(email)", request: flow.pendingID, now: kit.now(), lifetime: 1800), flow)
        return kit.nextStep(BankIDRoutes.signUpDetails, ticket: details, flow, query: [("id", order.id)])
    }

    private func detailsPage(_ flow: FlowRequest, order: BankIDOrder, name: String, ticket: String, error: String? = nil) -> Response {
        let text = flow.text
        return kit.render(
            FormPage(
                title: text.signUpDetailsTitle,
                forms: [FormView(
                    action: BankIDRoutes.signUpDetails, submit: text.acceptAndCreate, hidden: flow.hidden + [("id", order.id), ("ticket", ticket)],
                    lines: [text.bankIDSignUpName(name)], notice: error,
                    agreement: (text.privacyAgreement, flow.link(AccountRoutes.privacy), text.readPrivacy),
                    // Pressing the button is the acceptance: a keyboard user needs only Tab and Enter.
                    button: ("privacy", "yes"))]),
            flow: flow, status: error == nil ? .ok : .badRequest)
    }

    func create(_ request: Request, context: FlowRequestContext) async throws -> Response {
        let (flow, order, data) = try await state(context.form["id"], context: context)
        let form = context.form
        guard let email = email(form, step: .bankIDSignUpDetails, flow: flow, order: order), let sealed = form["ticket"]
        else { throw PageError.expired(flow) }
        guard form["privacy"] == "yes" else {
            return detailsPage(flow, order: order, name: data.user.name, ticket: sealed, error: flow.text.privacyRequired)
        }
        let now = kit.now()
        let account = Account(
            id: RandomToken.generate(bits: 128), email: email, emailVerified: true, givenName: data.user.givenName, familyName: data.user.surname,
            locale: flow.language == .sv ? "sv-SE" : "en", createdAt: now, privacyPolicyVersion: PrivacyPolicy.version,
            privacyPolicyAcceptedAt: now, personalNumber: data.user.personalNumber)
        // The order is spent first: two submissions cannot make two accounts from one identification.
        guard try await kit.store.useBankIDOrder(id: order.id) else { throw PageError.expired(flow) }
        do {
            try await kit.store.createAccount(account)
        } catch let error as StoreError where error.isConflict {
            return kit.render(
                FormPage(title: flow.text.signUpTitle, notice: flow.text.accountExistsAlready, forms: [],
                         links: [(flow.link(PendingRoutes.login), flow.text.logIn)]),
                flow: flow, status: .conflict)
        }
        try await kit.audit(
            "account.created", actor: "account:\(account.id)", target: account.id, source: flow.source,
            details: ["method": "bankid", "personal_number": PersonalNumber(bankID: data.user.personalNumber, today: now)?.masked ?? "",
                      "privacy_policy": PrivacyPolicy.version])
        return try await completion.complete(
            flow, accountID: account.id, acr: BankIDAuthentication.acr(order.start), amr: BankIDAuthentication.amr, request: request)
    }
}
