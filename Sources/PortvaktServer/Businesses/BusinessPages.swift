import Foundation
import Hummingbird
import PortvaktCore
import PortvaktCrypto
import PortvaktStore

/// The account console's businesses: linking one (customer number + PIN, or a link mailed to the business's
/// registered address), or applying as a new customer ("Ny kund?", `ApplicationPages`), with the account's
/// applications and their status; activating a business, and "Användarhantering" (members, roles, invitations). Every page runs in
/// the account context (a session, the CSRF token of every POST checked); a business's pages in the business
/// context (a member), its administration in the administrator context (an administrator).
struct BusinessPages<Store: AccountStore & CredentialStore & RateLimitStore & SessionStore & AuthorizationStore & AuditLog & BusinessStore & ApplicationStore>: Sendable {
    let kit: AccountKit<Store>
    let linking: BusinessLinking<Store>
    let memberships: MembershipActions<Store>

    /// The routes; `group` is the account context's group (`AccountMiddleware`).
    func addRoutes(to group: RouterGroup<AccountRequestContext>) {
        group.get(RouterPath(BusinessRoutes.list)) { request, context in
            let query = request.uri.queryParameters
            let step = try await linking.step(given: query["customer_number"].map(String.init), text: context.visitor.flow.text)
            return try await list(context.visitor, step: step, notice: query["done"] == "mail" ? context.visitor.flow.text.linkMailSent : nil)
        }
        group.post(RouterPath(BusinessRoutes.linkPIN)) { _, context in try await linkWithPIN(context.visitor, form: context.form) }
        group.post(RouterPath(BusinessRoutes.linkEmail)) { _, context in try await linkByEmail(context.visitor, form: context.form) }
        group.get(RouterPath(BusinessRoutes.redeemLink)) { request, context in
            let query = request.uri.queryParameters
            return try await redeemLink(
                context.visitor, token: query["token"].map(String.init), continuing: query["request"].map(String.init), request: request)
        }
        group.post(RouterPath(BusinessRoutes.acceptInvitation)) { _, context in try await acceptInvitation(context.visitor, form: context.form) }

        // One business: the visitor must be a member; its administration needs an administrator.
        let business = group.group(RouterPath(BusinessRoutes.businessPattern))
            .add(middleware: BusinessMiddleware(store: kit.store))
            .group(context: BusinessRequestContext.self)
        business.get { request, context in
            try await page(context.visitor, context.membership, notice: notice(request.uri.queryParameters["done"].map(String.init), context.visitor.flow.text))
        }
        business.post(RouterPath(BusinessRoutes.Operation.leave)) { _, context in try await leave(context.visitor, context.membership) }
        let administration = business.group(context: AdministratorRequestContext.self)
        administration.get(RouterPath(BusinessRoutes.Operation.activate)) { _, context in confirmActivation(context.visitor, context.membership) }
        administration.post(RouterPath(BusinessRoutes.Operation.activate)) { _, context in
            try await activate(context.visitor, context.membership, confirmed: context.form["confirm"] == "yes")
        }
        administration.post(RouterPath(BusinessRoutes.Operation.invite)) { _, context in
            try await invite(context.visitor, context.membership, form: context.form)
        }
        administration.post(RouterPath(BusinessRoutes.Operation.changeRole)) { _, context in
            try await changeRole(context.visitor, context.membership, member: context.parameters.get("member") ?? "", form: context.form)
        }
        administration.get(RouterPath(BusinessRoutes.Operation.changeRole)) { request, context in
            let role = request.uri.queryParameters["role"].flatMap { BusinessRole(rawValue: String($0)) } ?? .user
            return try await confirmDemotion(context.visitor, context.membership, member: context.parameters.get("member") ?? "", to: role)
        }
        administration.get(RouterPath(BusinessRoutes.Operation.removeMember)) { _, context in
            try await confirmRemoval(context.visitor, context.membership, member: context.parameters.get("member") ?? "")
        }
        administration.post(RouterPath(BusinessRoutes.Operation.removeMember)) { _, context in
            try await removeMember(
                context.visitor, context.membership, member: context.parameters.get("member") ?? "", confirmed: context.form["confirm"] == "yes")
        }
        administration.post(RouterPath(BusinessRoutes.Operation.revokeInvitation)) { _, context in
            try await revokeInvitation(context.visitor, context.membership, id: context.parameters.get("invitation") ?? "")
        }
        administration.post(RouterPath(BusinessRoutes.Operation.resendInvitation)) { _, context in
            try await resendInvitation(context.visitor, context.membership, id: context.parameters.get("invitation") ?? "")
        }
    }

    /// The invitation page a mail links to, in the flow group: anyone with the link may read it, logged in or not.
    func addInvitationRoute(to group: RouterGroup<FlowRequestContext>) {
        group.get(RouterPath(BusinessRoutes.acceptInvitation)) { request, context in
            try await invitationPage(request, context.flow, token: request.uri.queryParameters["token"].map(String.init))
        }
    }

    func redirect(_ path: String, _ visitor: Visitor, notice: String? = nil) -> Response {
        var url = "\(path)?lang=\(visitor.flow.language.rawValue)"
        if let notice { url += "&done=\(notice)" }
        return .redirect(to: url, type: .normal)
    }

    func audit(_ action: String, _ visitor: Visitor, business: String, details: [String: String] = [:]) async throws {
        try await kit.audit(action, actor: visitor.actor, target: "business:\(business)", source: visitor.flow.source, details: details)
    }

    // MARK: - The list, and linking

    func list(_ visitor: Visitor, step: LinkingForms.Step = .number(given: "", error: nil), notice: String? = nil, errors: [String: String] = [:])
        async throws -> Response
    {
        let text = visitor.flow.text
        let language = visitor.flow.language
        let mine = try await kit.store.memberships(accountID: visitor.account.id)
        let lines = mine.map { entry in
            "\(entry.business.name) (\(entry.business.customerNumber)): \(entry.role.label(language))"
                + (entry.business.activatedAt == nil ? ", \(text.notActivated.lowercased())" : "")
        }
        let links = mine.map { (BusinessRoutes.business($0.business.customerNumber) + "?lang=\(language.rawValue)", $0.business.name) }
        let forms = LinkingForms(
            text: text, page: BusinessRoutes.list, pageHidden: [("lang", language.rawValue)],
            pinAction: BusinessRoutes.linkPIN, mailAction: BusinessRoutes.linkEmail, postHidden: visitor.hidden)
        let failed = !errors.isEmpty || step.isRefused
        // The second way, beside linking: a new customer applies; the account's applications follow with their status.
        let newCustomer = ApplicationForms.newCustomerWay(text, action: ApplicationRoutes.new, hidden: [("lang", language.rawValue)])
        let applications = try await kit.store.applications(accountID: visitor.account.id)
        let applicationLinks = applications.map {
            (ApplicationRoutes.application($0.id) + "?lang=\(language.rawValue)", text.applicationLine(reference: $0.reference, business: $0.details.name, status: $0.status))
        }
        return kit.render(
            FormPage(
                title: text.businessesTitle, lead: mine.isEmpty ? text.noBusinesses : lines.joined(separator: " · "), notice: notice,
                forms: forms.forms(step, errors: errors) + [newCustomer],
                links: links + applicationLinks + [(AccountRoutes.account + "?lang=\(language.rawValue)", text.accountTitle)]),
            flow: visitor.flow, switchPath: BusinessRoutes.list, status: failed ? .badRequest : .ok)
    }

    func linkWithPIN(_ visitor: Visitor, form: [String: String]) async throws -> Response {
        let given = form["customer_number"] ?? ""
        let outcome = try await linking.linkWithPIN(
            number: given.trimmingCharacters(in: .whitespaces), pin: form["pin"] ?? "", account: visitor.account, source: visitor.flow.source)
        if case .linked(let number) = outcome { return redirect(BusinessRoutes.business(number), visitor, notice: "linked") }
        return try await list(
            visitor, step: try await linking.step(given: given, text: visitor.flow.text), errors: ["pin": BusinessLinking<Store>.pinError(outcome, visitor.flow.text)])
    }

    func linkByEmail(_ visitor: Visitor, form: [String: String]) async throws -> Response {
        let step = try await linking.step(given: form["email_customer_number"] ?? "", text: visitor.flow.text)
        guard case .way(let number, _) = step else { return try await list(visitor, step: step) }
        switch try await linking.mailLink(number: number, account: visitor.account, source: visitor.flow.source) {
        // The same answer whether or not the number exists or has members.
        case .answered: return redirect(BusinessRoutes.list, visitor, notice: "mail")
        // Only on this account's own count: it says nothing about the number.
        case .askedSeveralTimes: return try await list(visitor, step: step, errors: ["mail": visitor.flow.text.linkAskedSeveralTimes])
        }
    }

    /// Redeems a mailed link. A link asked for inside an authorization (`continuing`) goes back to it in the
    /// browser that waits for it; in another browser it says to go back to that window, which goes on by itself.
    func redeemLink(_ visitor: Visitor, token: String?, continuing pendingID: String?, request: Request) async throws -> Response {
        let text = visitor.flow.text
        switch try await linking.redeem(token: token, account: visitor.account, source: visitor.flow.source) {
        case .linked(let number):
            if let pendingID, pendingID.count <= 128 {
                if let pending = try await kit.store.pendingAuthorization(id: pendingID, now: kit.now()),
                    kit.binding.matches(request, binding: pending.browserBinding)
                {
                    return .redirect(to: PendingRoutes.url(PendingRoutes.onboarding, pending.id), type: .found)
                }
                return kit.render(FormPage(title: text.onboardingTitle, notice: text.goBackToLoginWindow, forms: []), flow: visitor.flow)
            }
            return redirect(BusinessRoutes.business(number), visitor, notice: "linked")
        case .hasAdministrator: return try await list(visitor, notice: text.hasAdministrator)
        case .invalidLink, .refused, .tooManyTries, .wait: return try await list(visitor, notice: text.linkInvalid)
        }
    }
}
