import Foundation
import Hummingbird
import PortvaktCore
import PortvaktCrypto
import PortvaktStore

extension BusinessPages {
    func notice(_ done: String?, _ text: PageText) -> String? {
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

    func page(
        _ visitor: Visitor, _ membership: BusinessMembership, notice: String? = nil, values: [String: String] = [:],
        errors: [String: String] = [:]
    ) async throws -> Response {
        let (business, role) = (membership.business, membership.role)
        let text = visitor.flow.text
        let language = visitor.flow.language
        let base = BusinessRoutes.business(business.customerNumber)
        let roles = BusinessRole.allCases.map { ($0.rawValue, $0.label(language)) }
        var forms: [FormView] = []
        if role == .admin {
            if business.activatedAt == nil {
                forms.append(FormView(action: BusinessRoutes.activate(business.customerNumber), submit: text.activate, hidden: visitor.hidden, heading: text.activate, lines: [text.activateLead]))
            }
            forms.append(FormView(
                action: BusinessRoutes.invite(business.customerNumber), submit: text.invite, hidden: visitor.hidden,
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
                    action: BusinessRoutes.changeRole(business.customerNumber, member: member.accountID), submit: text.changeRole, hidden: visitor.hidden,
                    fields: [FormField(name: "role", label: text.role, autocomplete: "off", value: member.role.rawValue, options: roles)],
                    heading: index == 0 ? text.userManagement : nil, lines: [line], notice: errors["member:\(member.accountID)"], secondary: true))
                forms.append(FormView(action: BusinessRoutes.removeMember(business.customerNumber, member: member.accountID), submit: text.remove, hidden: visitor.hidden, secondary: true))
            } else if index == 0 {
                forms.append(FormView(action: BusinessRoutes.leave(business.customerNumber), submit: text.leave, hidden: visitor.hidden, heading: text.userManagement,
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
                    action: BusinessRoutes.resendInvitation(business.customerNumber, id: invitation.id), submit: text.resend, hidden: visitor.hidden,
                    heading: index == 0 ? text.invitationsTitle : nil, lines: [line], secondary: true))
                forms.append(FormView(action: BusinessRoutes.revokeInvitation(business.customerNumber, id: invitation.id), submit: text.revoke, hidden: visitor.hidden, secondary: true))
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

    // MARK: - Changes, one route each

    func leave(_ visitor: Visitor, _ membership: BusinessMembership) async throws -> Response {
        let number = membership.business.customerNumber
        switch try await memberships.remove(customerNumber: number, accountID: visitor.account.id) {
        case .lastAdministrator: return try await page(visitor, membership, errors: ["leave": visitor.flow.text.lastAdministrator])
        case .done, .notMember:
            try await audit("business.left", visitor, business: number)
            return redirect(BusinessRoutes.list, visitor)
        }
    }

    func activate(_ visitor: Visitor, _ membership: BusinessMembership) async throws -> Response {
        let number = membership.business.customerNumber
        if try await kit.store.activateBusiness(customerNumber: number, at: kit.now()) {
            try await audit("business.activated", visitor, business: number)
        }
        return redirect(BusinessRoutes.business(number), visitor, notice: "activated")
    }

    func invite(_ visitor: Visitor, _ membership: BusinessMembership, form: [String: String]) async throws -> Response {
        let text = visitor.flow.text
        let business = membership.business
        guard let email = AccountKit<Store>.email(form["email"]) else {
            return try await page(visitor, membership, values: form, errors: ["email": text.invalidEmail])
        }
        let invitedRole = BusinessRole(rawValue: form["role"] ?? "") ?? .user
        guard try await memberships.invite(
            business: business, email: email, role: invitedRole, by: visitor.account.id) != nil
        else {
            return try await page(visitor, membership, values: form, errors: ["email": text.tryAgainIn(seconds: 3600)])
        }
        try await audit("business.invited", visitor, business: business.customerNumber, details: ["email": email, "role": invitedRole.rawValue])
        return redirect(BusinessRoutes.business(business.customerNumber), visitor, notice: "invited")
    }

    func changeRole(_ visitor: Visitor, _ membership: BusinessMembership, member: String, form: [String: String]) async throws -> Response {
        let number = membership.business.customerNumber
        guard let newRole = BusinessRole(rawValue: form["role"] ?? "") else { throw PageError.expired(visitor.flow.language) }
        switch try await kit.store.changeRole(customerNumber: number, accountID: member, to: newRole) {
        case .lastAdministrator:
            return try await page(visitor, membership, errors: ["member:\(member)": visitor.flow.text.lastAdministrator])
        case .notMember: throw PageError.notFound(visitor.flow.language)
        case .done:
            try await audit("business.role_changed", visitor, business: number, details: ["member": member, "role": newRole.rawValue])
            // Your own demotion takes you to the page a user sees.
            return redirect(BusinessRoutes.business(number), visitor, notice: "role")
        }
    }

    func removeMember(_ visitor: Visitor, _ membership: BusinessMembership, member: String) async throws -> Response {
        let number = membership.business.customerNumber
        switch try await memberships.remove(customerNumber: number, accountID: member) {
        case .lastAdministrator:
            return try await page(visitor, membership, errors: ["member:\(member)": visitor.flow.text.lastAdministrator])
        case .notMember: throw PageError.notFound(visitor.flow.language)
        case .done:
            try await audit("business.member_removed", visitor, business: number, details: ["member": member])
            return member == visitor.account.id
                ? redirect(BusinessRoutes.list, visitor) : redirect(BusinessRoutes.business(number), visitor, notice: "removed")
        }
    }

    func revokeInvitation(_ visitor: Visitor, _ membership: BusinessMembership, id: String) async throws -> Response {
        let number = membership.business.customerNumber
        if try await kit.store.revokeInvitation(id: id, customerNumber: number, at: kit.now()) {
            try await audit("business.invitation_revoked", visitor, business: number, details: ["invitation": id])
        }
        return redirect(BusinessRoutes.business(number), visitor)
    }

    func resendInvitation(_ visitor: Visitor, _ membership: BusinessMembership, id: String) async throws -> Response {
        let business = membership.business
        guard try await memberships.resend(id: id, business: business) else {
            return redirect(BusinessRoutes.business(business.customerNumber), visitor)
        }
        try await audit("business.invitation_resent", visitor, business: business.customerNumber, details: ["invitation": id])
        return redirect(BusinessRoutes.business(business.customerNumber), visitor, notice: "invited")
    }

    // MARK: - Accepting an invitation

    /// The invitation a mail links to, for anyone who has the link: what it is and who sent it, then "Tacka ja"
    /// for a logged-in visitor, or "Logga in" and "Skapa konto" (both coming back here) for one who is not.
    func invitationPage(_ request: Request, _ flow: FlowRequest, token: String?) async throws -> Response {
        let text = flow.text
        guard let token, token.count <= 128,
            let invitation = try await kit.store.invitation(tokenDigest: Digest.sha256(token), now: kit.now()),
            let business = try await kit.store.business(customerNumber: invitation.customerNumber)
        else {
            return kit.render(
                FormPage(title: text.acceptInvitationTitle, notice: text.invitationInvalid, forms: [],
                         links: [(flow.link(PendingRoutes.login), text.logInButton)]),
                flow: flow, status: .notFound)
        }
        let inviter = try await kit.store.account(id: invitation.invitedBy)
        let inviterName = [inviter?.givenName, inviter?.familyName].compactMap { $0 }.joined(separator: " ")
        var lines = [text.invitationLead(business.name, role: invitation.role.label(flow.language))]
        if !inviterName.isEmpty { lines.append(text.invitedBy(inviterName)) }
        if let (session, digest) = try await kit.sessions.current(request, now: kit.now()),
            try await kit.store.account(id: session.accountID) != nil
        {
            let csrf = kit.sessions.csrfToken(sessionDigest: digest, purpose: AccountMiddleware<Store>.csrfPurpose)
            return kit.render(
                FormPage(
                    title: text.acceptInvitationTitle, lead: lines.joined(separator: " "),
                    forms: [FormView(
                        action: BusinessRoutes.acceptInvitation, submit: text.accept,
                        hidden: [("csrf", csrf), ("lang", flow.language.rawValue), ("token", token)])]),
                flow: flow, switchPath: InvitationLink.path(token))
        }
        // Logged out: log in or sign up, and come back here.
        var back = flow
        if let target = ReturnTarget(InvitationLink.path(token)) {
            back.returnTo = (target, ReturnTicket.seal(target, key: kit.formKey, browser: flow.browser))
        }
        return kit.render(
            FormPage(
                title: text.acceptInvitationTitle, lead: lines.joined(separator: " "), notice: text.invitationLoggedOutLead,
                choices: [(back.link(PendingRoutes.login), text.logInButton), (back.link(AccountRoutes.signUp), text.createAccountButton)],
                forms: []),
            flow: flow, switchPath: InvitationLink.path(token))
    }

    func acceptInvitation(_ visitor: Visitor, form: [String: String]) async throws -> Response {
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
            try await kit.audit("business.invitation_refused", actor: visitor.actor, source: visitor.flow.source, details: ["reason": "address"])
            return try await list(visitor, notice: text.invitationWrongAddress)
        case .invalid:
            try await kit.audit("business.invitation_refused", actor: visitor.actor, source: visitor.flow.source, details: ["reason": "invalid"])
            return try await list(visitor, notice: text.invitationInvalid)
        }
    }
}
