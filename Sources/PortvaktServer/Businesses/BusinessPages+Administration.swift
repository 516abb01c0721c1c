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

    /// The business's page: its state, its organisation number where known, and, for an administrator, activation, "Skapa ny användare" and
    /// "Användarhantering" as tables (members; invitations), each control labelled by its row. Nobody changes or
    /// removes themselves from the table; "Lämna verksamheten" is below it.
    func page(
        _ visitor: Visitor, _ membership: BusinessMembership, notice: String? = nil, values: [String: String] = [:],
        errors: [String: String] = [:]
    ) async throws -> Response {
        let (business, role) = (membership.business, membership.role)
        let text = visitor.flow.text
        let language = visitor.flow.language
        let number = business.customerNumber
        let base = BusinessRoutes.business(number)
        let admin = role == .admin
        let roles = BusinessRole.allCases.map { ($0.rawValue, $0.label(language)) }
        let day = PageTime.day
        var forms: [FormView] = []
        if admin {
            if business.activatedAt == nil {
                forms.append(FormView(action: BusinessRoutes.activate(number), submit: text.activate, hidden: visitor.hidden, heading: text.activate,
                                      lines: [text.activateLead]))
            }
            forms.append(FormView(
                action: BusinessRoutes.invite(number), submit: text.invite, hidden: visitor.hidden,
                fields: [
                    FormField(name: "email", label: text.email, type: "email", autocomplete: "off", value: values["email"] ?? "", error: errors["email"]),
                    FormField(name: "role", label: text.role, autocomplete: "off", value: values["role"] ?? BusinessRole.user.rawValue, options: roles),
                ],
                heading: text.createUser, lines: [text.createUserLead]))
        }
        let hidden = visitor.hidden.map { ["name": $0.name, "value": $0.value] }
        let members = try await kit.store.members(customerNumber: number)
        let memberRows: [[String: Any]] = members.enumerated().map { index, member in
            let name = member.name ?? member.email ?? "-"
            let isYou = member.accountID == visitor.account.id
            var row: [String: Any] = [
                "name": name, "email": member.email ?? "-", "roleLabel": member.role.label(language), "since": day(member.since), "isYou": isYou,
            ]
            row["error"] = errors["member:\(member.accountID)"]
            if admin, !isYou {
                row["changeRole"] = [
                    "action": BusinessRoutes.changeRole(number, member: member.accountID), "hidden": hidden, "id": "role-\(index + 1)",
                    "label": text.roleFor(name), "submit": text.changeRole,
                    "options": roles.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == member.role.rawValue] },
                ] as [String: Any]
                row["remove"] = [
                    "action": BusinessRoutes.removeMember(number, member: member.accountID), "hidden": hidden, "submit": text.remove,
                    "label": text.removeNamed(name),
                ] as [String: Any]
            }
            return row
        }
        var invitationRows: [[String: Any]] = []
        if admin {
            let now = kit.now()
            for invitation in try await kit.store.invitations(customerNumber: number) {
                let state = invitation.state(now: now)
                var actions: [[String: Any]] = []
                if state == .pending {
                    actions.append([
                        "action": BusinessRoutes.resendInvitation(number, id: invitation.id), "hidden": hidden, "submit": text.resend,
                        "label": text.resendTo(invitation.email),
                    ])
                    actions.append([
                        "action": BusinessRoutes.revokeInvitation(number, id: invitation.id), "hidden": hidden, "submit": text.revoke,
                        "label": text.revokeTo(invitation.email),
                    ])
                }
                invitationRows.append([
                    "email": invitation.email, "role": invitation.role.label(language), "state": text.invitationStateSentence(state.rawValue),
                    "sent": day(invitation.createdAt), "actions": actions,
                ])
            }
        }
        let status = business.activatedAt == nil ? text.notActivated : text.activated
        var page: [String: Any] = [
            "lead": "\(text.customerNumber) \(number) · \(role.label(language)) · \(status)", "forms": forms.map(\.values), "wide": true,
            "admin": admin, "members": memberRows, "invitations": invitationRows, "hasInvitations": !invitationRows.isEmpty,
            "userManagement": text.userManagement, "membersCaption": text.membersCaption, "invitationsTitle": text.invitationsTitle,
            "invitationsCaption": text.invitationsCaption, "nameColumn": text.nameColumn, "emailColumn": text.emailColumn,
            "roleColumn": text.roleColumn, "sinceColumn": text.sinceColumn, "actionsColumn": text.actionsColumn,
            "addressColumn": text.addressColumn, "stateColumn": text.stateColumn, "sentColumn": text.sentColumn, "you": text.you,
            "noInvitations": text.noInvitations,
            "links": [["href": BusinessRoutes.list + "?lang=\(language.rawValue)", "text": text.businessesTitle]],
            "leave": ["action": BusinessRoutes.leave(number), "hidden": hidden, "submit": text.leave] as [String: Any],
        ]
        page["notice"] = notice
        page["error"] = errors["leave"]
        // The organisation number where the register or an approved application gave one.
        page["organisationNumber"] = business.organisationNumber.flatMap(OrganisationNumber.init(normalised:))
            .map { text.organisationNumberLine($0.masked) }
        var response = kit.pages.render(
            "business", title: business.name, language: language, values: page, status: errors.isEmpty ? .ok : .badRequest,
            switchLanguageHref: visitor.flow.switchLink(base))
        if let cookie = visitor.flow.newCookie { response.setCookie(cookie) }
        return response
    }


    // MARK: - Confirm steps: what cannot be undone is asked for on a page of its own

    /// A confirm page: what happens, then the button, lower on the page than the button that led here, and "Avbryt".
    func confirmPage(_ visitor: Visitor, title: String, lines: [String], action: String, submit: String, extra: [(name: String, value: String)] = [],
                     back: String) -> Response {
        let text = visitor.flow.text
        return kit.render(
            FormPage(
                title: title,
                forms: [FormView(action: action, submit: submit, hidden: visitor.hidden + extra, lines: lines, button: ("confirm", "yes"),
                                 cancel: (back + "?lang=\(visitor.flow.language.rawValue)", text.noChange))]),
            flow: visitor.flow, switchPath: action)
    }

    func confirmActivation(_ visitor: Visitor, _ membership: BusinessMembership) -> Response {
        let business = membership.business
        guard business.activatedAt == nil else { return redirect(BusinessRoutes.business(business.customerNumber), visitor, notice: "activated") }
        return confirmPage(
            visitor, title: visitor.flow.text.activateConfirmTitle, lines: [visitor.flow.text.activateConfirmLead(business.name)],
            action: BusinessRoutes.activate(business.customerNumber), submit: visitor.flow.text.activateConfirmButton,
            back: BusinessRoutes.business(business.customerNumber))
    }

    func confirmRemoval(_ visitor: Visitor, _ membership: BusinessMembership, member: String) async throws -> Response {
        let number = membership.business.customerNumber
        guard let found = try await kit.store.members(customerNumber: number).first(where: { $0.accountID == member }) else {
            return redirect(BusinessRoutes.business(number), visitor)
        }
        let text = visitor.flow.text
        let name = found.name ?? found.email ?? "-"
        return confirmPage(
            visitor, title: text.removeConfirmTitle, lines: [text.removeConfirmLead(name, business: membership.business.name)],
            action: BusinessRoutes.removeMember(number, member: member), submit: text.removeConfirmButton, back: BusinessRoutes.business(number))
    }

    func confirmDemotion(_ visitor: Visitor, _ membership: BusinessMembership, member: String, to newRole: BusinessRole) async throws -> Response {
        let number = membership.business.customerNumber
        guard let found = try await kit.store.members(customerNumber: number).first(where: { $0.accountID == member }), found.role == .admin else {
            return redirect(BusinessRoutes.business(number), visitor)
        }
        let text = visitor.flow.text
        return confirmPage(
            visitor, title: text.demoteConfirmTitle,
            lines: [text.demoteConfirmLead(found.name ?? found.email ?? "-", role: newRole.label(visitor.flow.language))],
            action: BusinessRoutes.changeRole(number, member: member), submit: text.demoteConfirmButton, extra: [("role", newRole.rawValue)],
            back: BusinessRoutes.business(number))
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

    /// Without `confirm=yes` (the business page's button) it goes to the confirm page; with it, it activates. A
    /// repeated confirmation finds the business active and does nothing twice.
    func activate(_ visitor: Visitor, _ membership: BusinessMembership, confirmed: Bool) async throws -> Response {
        let number = membership.business.customerNumber
        guard confirmed else { return .redirect(to: BusinessRoutes.activate(number) + "?lang=\(visitor.flow.language.rawValue)", type: .normal) }
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

    /// Demoting an administrator asks first (a confirm page); a promotion or a user's change does not.
    func changeRole(_ visitor: Visitor, _ membership: BusinessMembership, member: String, form: [String: String]) async throws -> Response {
        let number = membership.business.customerNumber
        guard let newRole = BusinessRole(rawValue: form["role"] ?? "") else { throw PageError.expired(visitor.flow.language) }
        if newRole != .admin, form["confirm"] != "yes",
            try await kit.store.members(customerNumber: number).first(where: { $0.accountID == member })?.role == .admin
        {
            let path = BusinessRoutes.changeRole(number, member: member)
            return .redirect(to: path + "?lang=\(visitor.flow.language.rawValue)&role=\(newRole.rawValue)", type: .normal)
        }
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

    /// Without `confirm=yes` it goes to the confirm page. A repeated confirmation finds no member and answers as
    /// the first did.
    func removeMember(_ visitor: Visitor, _ membership: BusinessMembership, member: String, confirmed: Bool) async throws -> Response {
        let number = membership.business.customerNumber
        guard confirmed else {
            return .redirect(to: BusinessRoutes.removeMember(number, member: member) + "?lang=\(visitor.flow.language.rawValue)", type: .normal)
        }
        switch try await memberships.remove(customerNumber: number, accountID: member) {
        case .lastAdministrator:
            return try await page(visitor, membership, errors: ["member:\(member)": visitor.flow.text.lastAdministrator])
        case .notMember: return redirect(BusinessRoutes.business(number), visitor, notice: "removed")
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
                FormPage(title: text.acceptInvitationTitle, notice: try await invitationProblem(token, text), forms: [],
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

    /// What an invitation that cannot be accepted says: used, revoked, expired or unknown, each with its next step.
    func invitationProblem(_ token: String?, _ text: PageText) async throws -> String {
        guard let token, token.count <= 128 else { return text.invitationProblem(nil) }
        return text.invitationProblem(try await kit.store.invitation(anyStateTokenDigest: Digest.sha256(token))?.state(now: kit.now()).rawValue)
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
            return try await list(visitor, notice: try await invitationProblem(form["token"], text))
        }
    }
}
