import Foundation
import Hummingbird
import PortvaktCore
import PortvaktStore

/// Business onboarding inside an authorization (`AuthorizationStep.onboardBusiness`): the request asks for
/// `business` and the logged-in account has no active business it may act for. The user links one with the same
/// rules as the account console (`BusinessLinking`: customer number + PIN, or a link mailed to the business's
/// registered address; producers and importers by mail only), confirms the activation, and the request resumes
/// with the business. A mailed link opened in another browser links the business there, and this page, which
/// reloads itself while it waits, goes on. "Avbryt" answers the client `access_denied`. A user (not an
/// administrator) of a business that is not activated yet is told so, with the same way out. Beside linking, a
/// new customer applies to join (`PendingApplication`); while the application is open this page shows its status
/// with "Avbryt", and once it is approved the applicant, the new business's administrator, activates it here.
struct BusinessOnboarding<Store: AccountStore & CredentialStore & RateLimitStore & SessionStore & AuthorizationStore & AuditLog & BusinessStore & ApplicationStore>: Sendable {
    let kit: AccountKit<Store>
    let linking: BusinessLinking<Store>
    let issuer: String

    /// How often the page waiting for a mailed link looks again.
    static var waitingRefresh: Int { 3 }

    func addRoutes(to group: RouterGroup<FlowRequestContext>) {
        group.get(RouterPath(PendingRoutes.onboarding)) { request, context in
            let query = request.uri.queryParameters
            return try await page(
                request, context.flow, waiting: query["sent"] != nil, customerNumber: query["customer_number"].map(String.init),
                applied: query["applied"] != nil)
        }
        group.post(RouterPath(PendingRoutes.onboardingPINPath)) { request, context in try await linkWithPIN(request, context.flow, form: context.form) }
        group.post(RouterPath(PendingRoutes.onboardingEmailPath)) { request, context in try await linkByEmail(request, context.flow, form: context.form) }
        group.post(RouterPath(PendingRoutes.onboardingActivatePath)) { request, context in try await activate(request, context.flow, form: context.form) }
        group.post(RouterPath(PendingRoutes.onboardingCancelPath)) { request, context in try await cancel(request, context.flow, form: context.form) }
    }

    /// Who is asking: the pending request, its client, the session and its account, and the page's CSRF token.
    struct Asker {
        var pending: PendingAuthorization
        var client: ClientRegistration
        var account: Account
        var session: LoginSession
        var csrf: String
        /// The business the request names (`business:<customer_number>`), if it names one.
        var named: String? { pending.request.scopes.lazy.compactMap(BusinessScope.customerNumber(in:)).first }
    }

    enum Gate {
        case asker(Asker)
        case answer(Response)
    }

    private func csrfPurpose(_ pending: PendingAuthorization) -> String { "onboarding:\(pending.id)" }

    /// The pending request and the logged-in account; a POST must carry the page's CSRF token.
    func identify(_ request: Request, _ flow: FlowRequest, form: [String: String]?) async throws -> Gate {
        guard let pending = flow.pending, let client = try await kit.clients.lookup(id: pending.request.clientID) else {
            throw PageError.expired(flow)
        }
        guard let (session, digest) = try await kit.sessions.current(request, now: kit.now()),
            let account = try await kit.store.account(id: session.accountID)
        else {
            if form != nil { throw PageError.expired(flow) }
            return .answer(.redirect(to: PendingRoutes.url(PendingRoutes.login, pending.id), type: .found))
        }
        if let form, !kit.sessions.checkCSRF(form["csrf"], sessionDigest: digest, purpose: csrfPurpose(pending)) {
            throw PageError.expired(flow)
        }
        let csrf = kit.sessions.csrfToken(sessionDigest: digest, purpose: csrfPurpose(pending))
        return .asker(Asker(pending: pending, client: client, account: account, session: session, csrf: csrf))
    }

    func hidden(_ flow: FlowRequest, _ asker: Asker) -> [(name: String, value: String)] {
        flow.hidden + [("csrf", asker.csrf)]
    }

    func cancelForm(_ flow: FlowRequest, _ asker: Asker) -> FormView {
        FormView(action: PendingRoutes.onboardingCancelPath, submit: flow.text.cancel, hidden: hidden(flow, asker), secondary: true)
    }

    // MARK: - The page

    func page(_ request: Request, _ flow: FlowRequest, waiting: Bool = false, customerNumber: String? = nil, applied: Bool = false)
        async throws -> Response
    {
        let asker: Asker
        switch try await identify(request, flow, form: nil) {
        case .answer(let response): return response
        case .asker(let found): asker = found
        }
        // A request that names its business starts at that number's step.
        return try await render(
            flow, asker, step: try await linking.step(given: customerNumber ?? asker.named, text: flow.text), waiting: waiting, applied: applied)
    }

    /// The linking forms of this request's page.
    private func linkingForms(_ flow: FlowRequest, _ asker: Asker) -> LinkingForms {
        LinkingForms(
            text: flow.text, page: PendingRoutes.onboarding, pageHidden: flow.hidden,
            pinAction: PendingRoutes.onboardingPINPath, mailAction: PendingRoutes.onboardingEmailPath, postHidden: hidden(flow, asker))
    }

    private func render(
        _ flow: FlowRequest, _ asker: Asker, step: LinkingForms.Step, waiting: Bool = false, applied: Bool = false, errors: [String: String] = [:]
    ) async throws -> Response {
        let text = flow.text
        let inactive = try await kit.store.memberships(accountID: asker.account.id)
            .filter { $0.business.activatedAt == nil && (asker.named == nil || $0.business.customerNumber == asker.named) }
        // Linked as its administrator: confirm the activation (it retires the PIN).
        if let entry = inactive.first(where: { $0.role == .admin }) {
            return kit.render(
                FormPage(
                    title: text.activate, lead: text.activationLead(entry.business.name),
                    forms: [
                        cancelForm(flow, asker),
                        FormView(
                            action: PendingRoutes.onboardingActivatePath, submit: text.activate,
                            hidden: hidden(flow, asker) + [("business", entry.business.customerNumber)]),
                    ]),
                flow: flow, switchPath: PendingRoutes.onboarding)
        }
        // A user of a business its administrator has not activated yet.
        if let entry = inactive.first {
            let administrator = try await kit.store.members(customerNumber: entry.business.customerNumber).first { $0.role == .admin }
            return kit.render(
                FormPage(
                    title: text.onboardingTitle, notice: text.notActivatedYet(entry.business.name, administrator: administrator?.name ?? administrator?.email),
                    forms: [cancelForm(flow, asker)]),
                flow: flow, switchPath: PendingRoutes.onboarding)
        }
        // Waiting for a mailed link: the page reloads itself, and has no field to type into meanwhile.
        if waiting {
            var page = FormPage(
                title: text.onboardingTitle, notice: text.waitingForLink, forms: [cancelForm(flow, asker)],
                links: [(flow.link(PendingRoutes.onboarding), text.changeCustomerNumber)])
            page.reload = Self.waitingRefresh
            return kit.render(page, flow: flow, switchPath: PendingRoutes.onboarding)
        }
        // An open application (a request that names no business): its status, and "Avbryt" back to the portal.
        let open = asker.named == nil ? try await kit.store.applications(accountID: asker.account.id).first(where: \.status.isOpen) : nil
        if let open {
            return kit.render(
                FormPage(
                    title: text.onboardingTitle,
                    lead: text.pendingApplicationStatus(reference: open.reference, business: open.details.name, status: open.status),
                    notice: applied ? text.applicationReceived(reference: open.reference, email: open.applicant.email) : nil,
                    forms: [cancelForm(flow, asker)],
                    links: [(ApplicationRoutes.application(open.id) + "?lang=\(flow.language.rawValue)", text.showApplication)]),
                flow: flow, switchPath: PendingRoutes.onboarding)
        }
        let page = FormPage(
            title: text.onboardingTitle, lead: text.onboardingLead(asker.client.name),
            forms: linkingForms(flow, asker).forms(step, errors: errors)
                + (asker.named == nil ? [ApplicationForms.newCustomerWay(text, action: ApplicationRoutes.pendingApply, hidden: flow.hidden)] : [])
                + [cancelForm(flow, asker)])
        let failed = !errors.isEmpty || step.isRefused
        return kit.render(page, flow: flow, switchPath: PendingRoutes.onboarding, status: failed ? .badRequest : .ok)
    }

    // MARK: - Linking

    func linkWithPIN(_ request: Request, _ flow: FlowRequest, form: [String: String]) async throws -> Response {
        guard case .asker(let asker) = try await identify(request, flow, form: form) else { throw PageError.expired(flow) }
        let text = flow.text
        let given = form["customer_number"] ?? ""
        let outcome = try await linking.linkWithPIN(
            number: given.trimmingCharacters(in: .whitespaces), pin: form["pin"] ?? "", account: asker.account, source: flow.source)
        if case .linked = outcome {
            // Post/redirect/get: the activation step is this page again, now with a business to activate.
            return .redirect(to: flow.link(PendingRoutes.onboarding), type: .normal)
        }
        return try await render(flow, asker, step: try await linking.step(given: given, text: text), errors: ["pin": BusinessLinking<Store>.pinError(outcome, text)])
    }

    func linkByEmail(_ request: Request, _ flow: FlowRequest, form: [String: String]) async throws -> Response {
        guard case .asker(let asker) = try await identify(request, flow, form: form) else { throw PageError.expired(flow) }
        let step = try await linking.step(given: form["email_customer_number"] ?? "", text: flow.text)
        guard case .way(let number, _) = step else { return try await render(flow, asker, step: step) }
        switch try await linking.mailLink(number: number, account: asker.account, source: flow.source, pendingID: asker.pending.id) {
        case .answered:
            // The same answer whether or not the number exists; the page waits for the link, reloading itself.
            return .redirect(to: flow.link(PendingRoutes.onboarding) + "&sent=1", type: .normal)
        case .askedSeveralTimes:
            // Only on this account's own count: it says nothing about the number.
            return try await render(flow, asker, step: step, errors: ["mail": flow.text.linkAskedSeveralTimes])
        }
    }

    // MARK: - Activation, or not

    func activate(_ request: Request, _ flow: FlowRequest, form: [String: String]) async throws -> Response {
        guard case .asker(let asker) = try await identify(request, flow, form: form), let number = form["business"],
            try await kit.store.memberships(accountID: asker.account.id)
                .contains(where: { $0.business.customerNumber == number && $0.role == .admin })
        else { throw PageError.expired(flow) }
        // A second submit finds the business active already: it changes nothing and goes on the same way.
        if try await kit.store.activateBusiness(customerNumber: number, at: kit.now()) {
            try await kit.audit(
                "business.activated", actor: "account:\(asker.account.id)", target: "business:\(number)", source: flow.source,
                details: ["during": asker.pending.request.clientID])
        }
        return .redirect(to: PendingRoutes.url(PendingRoutes.resume, asker.pending.id), type: .normal)
    }

    func cancel(_ request: Request, _ flow: FlowRequest, form: [String: String]) async throws -> Response {
        guard case .asker(let asker) = try await identify(request, flow, form: form) else { throw PageError.expired(flow) }
        guard try await kit.store.claimPendingAuthorization(id: asker.pending.id) else { throw PageError.expired(flow) }
        return AuthorizationRedirect.error(
            .accessDenied("the user did not link a business"), redirectURI: asker.pending.request.redirectURI,
            state: asker.pending.request.state, issuer: issuer)
    }
}
