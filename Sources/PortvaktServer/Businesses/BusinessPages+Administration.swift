import Foundation
import Hummingbird
import PortvaktCore
import PortvaktCrypto
import PortvaktStore

extension BusinessPages {
    /// The business as the visitor may see it: nil unless a member.
    private func business(_ context: PortvaktRequestContext, _ visitor: Visitor) async throws -> (Business, BusinessRole)? {
        guard let number = context.parameters.get("customer") else { return nil }
        return try await kit.store.memberships(accountID: visitor.account.id).first { $0.business.customerNumber == number }
            .map { ($0.business, $0.role) }
    }

    private func notice(_ done: String?, _ text: PageText) -> String? {
        switch done {
        case "linked": text.linked
        case "activated": text.activated
        case "invited": text.invitationSent
        case "role": text.roleChanged
        case "removed": text.memberRemoved
        case "accepted": text.invitationAccepted
        default: nil
        }
    }

    // MARK: - The business page

    func businessPage(_ request: Request, context: PortvaktRequestContext) async throws -> Response {
        let visitor: Visitor
        switch try await requireVisitor(request, form: nil, context: context) {
        case .answer(let response): return response
        case .visitor(let found): visitor = found
        }
        guard let (business, role) = try await business(context, visitor) else { throw HTTPError(.notFound) }
        return try await page(visitor, business: business, role: role, notice: notice(request.uri.queryParameters["done"].map(String.init), visitor.flow.text))
    }

    func page(
        _ visitor: Visitor, business: Business, role: BusinessRole, notice: String? = nil, values: [String: String] = [:],
        errors: [String: String] = [:]
    ) async throws -> Response {
        let text = visitor.flow.text
        let language = visitor.flow.language
        let base = BusinessRoutes.business(business.customerNumber)
        let roles = BusinessRole.allCases.map { ($0.rawValue, $0.label(language)) }
        var forms: [FormView] = []
        if role == .admin {
            if business.activatedAt == nil {
                forms.append(FormView(action: base + "/activate", submit: text.activate, hidden: hidden(visitor), heading: text.activate, lines: [text.activateLead]))
            }
            forms.append(FormView(
                action: base + "/invite", submit: text.invite, hidden: hidden(visitor),
                fields: [
                    FormField(name: "email", label: text.email, type: "email", autocomplete: "off", value: values["email"] ?? "", error: errors["email"]),
                    FormField(name: "role", label: text.role, autocomplete: "off", value: values["role"] ?? BusinessRole.user.rawValue, options: roles),
                ],
                heading: text.createUser, lines: [text.createUserLead]))
        }
        let members = try await kit.store.members(customerNumber: business.customerNumber)
        for (index, member) in members.enumerated() {
            let line = "\(member.name ?? member.email ?? member.accountID) (\(member.email ?? "-")): \(member.role.label(language))"
            if role == .admin {
                forms.append(FormView(
                    action: "\(base)/members/\(member.accountID)/role", submit: text.changeRole, hidden: hidden(visitor),
                    fields: [FormField(name: "role", label: text.role, autocomplete: "off", value: member.role.rawValue, options: roles)],
                    heading: index == 0 ? text.userManagement : nil, lines: [line], notice: errors["member:\(member.accountID)"], secondary: true))
                forms.append(FormView(action: "\(base)/members/\(member.accountID)/remove", submit: text.remove, hidden: hidden(visitor), secondary: true))
            } else if index == 0 {
                forms.append(FormView(action: base + "/leave", submit: text.leave, hidden: hidden(visitor), heading: text.userManagement,
                                      lines: members.map { "\($0.name ?? $0.email ?? "-"): \($0.role.label(language))" },
                                      notice: errors["leave"], secondary: true))
            }
        }
        if role == .admin {
            let now = kit.now()
            for (index, invitation) in try await kit.store.invitations(customerNumber: business.customerNumber).enumerated() {
                let state = invitation.state(now: now)
                let line = "\(invitation.email): \(invitation.role.label(language)), \(text.invitationState(state.rawValue))"
                guard state == .pending else {
                    forms.append(FormView(action: base, submit: "", heading: index == 0 ? text.invitationsTitle : nil, lines: [line]))
                    continue
                }
                forms.append(FormView(
                    action: "\(base)/invitations/\(invitation.id)/resend", submit: text.resend, hidden: hidden(visitor),
                    heading: index == 0 ? text.invitationsTitle : nil, lines: [line], secondary: true))
                forms.append(FormView(action: "\(base)/invitations/\(invitation.id)/revoke", submit: text.revoke, hidden: hidden(visitor), secondary: true))
            }
        }
        let status = business.activatedAt == nil ? text.notActivated : text.activated
        return kit.render(
            FormPage(
                title: business.name, lead: "\(text.customerNumber) \(business.customerNumber) · \(role.label(language)) · \(status)",
                notice: notice, forms: forms.filter { !$0.submit.isEmpty || !$0.lines.isEmpty },
                links: [(BusinessRoutes.list + "?lang=\(language.rawValue)", text.businessesTitle)]),
            flow: visitor.flow, switchPath: base, status: errors.isEmpty ? .ok : .badRequest)
    }

    // MARK: - Changes

    func businessAction(_ request: Request, context: PortvaktRequestContext) async throws -> Response {
        let form = await kit.form(request)
        let visitor: Visitor
        switch try await requireVisitor(request, form: form, context: context) {
        case .answer(let response): return response
        case .visitor(let found): visitor = found
        }
        guard let (business, role) = try await business(context, visitor) else { throw HTTPError(.notFound) }
        let base = BusinessRoutes.business(business.customerNumber)
        let text = visitor.flow.text
        switch context.parameters.get("action") {
        case "leave":
            switch try await memberships.remove(customerNumber: business.customerNumber, accountID: visitor.account.id) {
            case .lastAdministrator: return try await page(visitor, business: business, role: role, errors: ["leave": text.lastAdministrator])
            case .done, .notMember:
                try await audit("business.left", visitor, business: business.customerNumber)
                return redirect(BusinessRoutes.list, visitor)
            }
        case "activate" where role == .admin:
            if try await kit.store.activateBusiness(customerNumber: business.customerNumber, at: kit.now()) {
                try await audit("business.activated", visitor, business: business.customerNumber)
            }
            return redirect(base, visitor, notice: "activated")
        case "invite" where role == .admin:
            guard let email = AccountKit<Store>.email(form["email"]) else {
                return try await page(visitor, business: business, role: role, values: form, errors: ["email": text.invalidEmail])
            }
            let invitedRole = BusinessRole(rawValue: form["role"] ?? "") ?? .user
            guard try await memberships.invite(
                business: business, email: email, role: invitedRole, by: visitor.account.id, language: visitor.flow.language) != nil
            else {
                return try await page(visitor, business: business, role: role, values: form, errors: ["email": text.tryAgainIn(seconds: 3600)])
            }
            try await audit("business.invited", visitor, business: business.customerNumber, details: ["email": email, "role": invitedRole.rawValue])
            return redirect(base, visitor, notice: "invited")
        default:
            throw HTTPError(.forbidden)
        }
    }

    func itemAction(_ request: Request, context: PortvaktRequestContext) async throws -> Response {
        let form = await kit.form(request)
        let visitor: Visitor
        switch try await requireVisitor(request, form: form, context: context) {
        case .answer(let response): return response
        case .visitor(let found): visitor = found
        }
        guard let (business, role) = try await business(context, visitor), role == .admin,
            let id = context.parameters.get("id")
        else { throw HTTPError(.forbidden) }
        let base = BusinessRoutes.business(business.customerNumber)
        let text = visitor.flow.text
        // `/account/businesses/{customer}/{members|invitations}/{id}/{operation}`
        switch (context.parameters.get("action"), context.parameters.get("operation")) {
        case ("members", "role"):
            guard let newRole = BusinessRole(rawValue: form["role"] ?? "") else { throw HTTPError(.badRequest) }
            switch try await kit.store.changeRole(customerNumber: business.customerNumber, accountID: id, to: newRole) {
            case .lastAdministrator:
                return try await page(visitor, business: business, role: role, errors: ["member:\(id)": text.lastAdministrator])
            case .notMember: throw HTTPError(.notFound)
            case .done:
                try await audit("business.role_changed", visitor, business: business.customerNumber, details: ["member": id, "role": newRole.rawValue])
                // Your own demotion takes you to the page a user sees.
                return redirect(base, visitor, notice: "role")
            }
        case ("members", "remove"):
            switch try await memberships.remove(customerNumber: business.customerNumber, accountID: id) {
            case .lastAdministrator:
                return try await page(visitor, business: business, role: role, errors: ["member:\(id)": text.lastAdministrator])
            case .notMember: throw HTTPError(.notFound)
            case .done:
                try await audit("business.member_removed", visitor, business: business.customerNumber, details: ["member": id])
                return id == visitor.account.id ? redirect(BusinessRoutes.list, visitor) : redirect(base, visitor, notice: "removed")
            }
        case ("invitations", "revoke"):
            if try await kit.store.revokeInvitation(id: id, customerNumber: business.customerNumber, at: kit.now()) {
                try await audit("business.invitation_revoked", visitor, business: business.customerNumber, details: ["invitation": id])
            }
            return redirect(base, visitor)
        case ("invitations", "resend"):
            guard try await memberships.resend(id: id, business: business, language: visitor.flow.language) else { return redirect(base, visitor) }
            try await audit("business.invitation_resent", visitor, business: business.customerNumber, details: ["invitation": id])
            return redirect(base, visitor, notice: "invited")
        default:
            throw HTTPError(.notFound)
        }
    }

    // MARK: - Accepting an invitation

    func invitationPage(_ request: Request, context: PortvaktRequestContext) async throws -> Response {
        let visitor: Visitor
        switch try await requireVisitor(request, form: nil, context: context) {
        case .answer(let response): return response
        case .visitor(let found): visitor = found
        }
        let text = visitor.flow.text
        guard let token = request.uri.queryParameters["token"].map(String.init), token.count <= 128,
            let invitation = try await kit.store.invitation(tokenDigest: Digest.sha256(token), now: kit.now()),
            let business = try await kit.store.business(customerNumber: invitation.customerNumber)
        else { return try await list(visitor, notice: text.invitationInvalid) }
        return kit.render(
            FormPage(
                title: text.acceptInvitationTitle, lead: text.invitationLead(business.name, role: invitation.role.label(visitor.flow.language)),
                forms: [FormView(action: BusinessRoutes.acceptInvitation, submit: text.accept, hidden: hidden(visitor) + [("token", token)])]),
            flow: visitor.flow)
    }

    func acceptInvitation(_ request: Request, context: PortvaktRequestContext) async throws -> Response {
        let form = await kit.form(request)
        let visitor: Visitor
        switch try await requireVisitor(request, form: form, context: context) {
        case .answer(let response): return response
        case .visitor(let found): visitor = found
        }
        let text = visitor.flow.text
        let account = visitor.account
        let outcome = try await kit.store.acceptInvitation(
            tokenDigest: Digest.sha256(form["token"] ?? ""), accountID: account.id, verifiedEmail: account.emailVerified ? account.email : nil,
            now: kit.now())
        switch outcome {
        case .accepted(let number, let role):
            try await audit("business.invitation_accepted", visitor, business: number, details: ["role": role.rawValue])
            return redirect(BusinessRoutes.business(number), visitor, notice: "accepted")
        case .wrongAddress:
            try await kit.audit("business.invitation_refused", actor: "account:\(account.id)", source: visitor.flow.source, details: ["reason": "address"])
            return try await list(visitor, notice: text.invitationWrongAddress)
        case .invalid:
            try await kit.audit("business.invitation_refused", actor: "account:\(account.id)", source: visitor.flow.source, details: ["reason": "invalid"])
            return try await list(visitor, notice: text.invitationInvalid)
        }
    }
}
