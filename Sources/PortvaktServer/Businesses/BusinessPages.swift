import Foundation
import Hummingbird
import PortvaktCore
import PortvaktCrypto
import PortvaktStore

/// The account console's businesses: linking one (customer number + PIN, or a link mailed to the business's
/// registered address), activating it, and "Användarhantering" (members, roles, invitations). Every page needs a
/// session; every form carries the account page's CSRF token; the role is checked on every change.
/// The account console's businesses: linking one (customer number + PIN, or a link mailed to the business's
/// registered address), activating it, and "Användarhantering" (members, roles, invitations). Every page runs in
/// the account context (a session, the CSRF token of every POST checked); a business's pages in the business
/// context (a member), its administration in the administrator context (an administrator).
struct BusinessPages<Store: AccountStore & CredentialStore & SessionStore & AuthorizationStore & AuditLog & BusinessStore>: Sendable {
    let kit: AccountKit<Store>
    let issuer: String
    let memberships: MembershipActions<Store>

    /// PIN tries: 5 wrong in an hour lock a business's PIN path; an account gets 10 in all, across businesses.
    static var pinThrottle: LoginThrottle { LoginThrottle(freeFailures: 5, maximumDelay: 0, lockoutThreshold: 5) }
    static var accountPINThrottle: LoginThrottle { LoginThrottle(freeFailures: 10, maximumDelay: 0, lockoutThreshold: 10) }
    static var linkLifetime: TimeInterval { 86_400 }

    /// The routes; `group` is the account context's group (`AccountMiddleware`).
    func addRoutes(to group: RouterGroup<AccountRequestContext>) {
        group.get(RouterPath(BusinessRoutes.list)) { request, context in
            let done = request.uri.queryParameters["done"].map(String.init)
            return try await list(context.visitor, notice: done == "mail" ? context.visitor.flow.text.linkMailSent : nil)
        }
        group.post(RouterPath(BusinessRoutes.linkPIN)) { _, context in try await linkWithPIN(context.visitor, form: context.form) }
        group.post(RouterPath(BusinessRoutes.linkEmail)) { _, context in try await linkByEmail(context.visitor, form: context.form) }
        group.get(RouterPath(BusinessRoutes.redeemLink)) { request, context in
            try await redeemLink(context.visitor, token: request.uri.queryParameters["token"].map(String.init))
        }
        group.get(RouterPath(BusinessRoutes.acceptInvitation)) { request, context in
            try await invitationPage(context.visitor, token: request.uri.queryParameters["token"].map(String.init))
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
        administration.post(RouterPath(BusinessRoutes.Operation.activate)) { _, context in try await activate(context.visitor, context.membership) }
        administration.post(RouterPath(BusinessRoutes.Operation.invite)) { _, context in
            try await invite(context.visitor, context.membership, form: context.form)
        }
        administration.post(RouterPath(BusinessRoutes.Operation.changeRole)) { _, context in
            try await changeRole(context.visitor, context.membership, member: context.parameters.get("member") ?? "", form: context.form)
        }
        administration.post(RouterPath(BusinessRoutes.Operation.removeMember)) { _, context in
            try await removeMember(context.visitor, context.membership, member: context.parameters.get("member") ?? "")
        }
        administration.post(RouterPath(BusinessRoutes.Operation.revokeInvitation)) { _, context in
            try await revokeInvitation(context.visitor, context.membership, id: context.parameters.get("invitation") ?? "")
        }
        administration.post(RouterPath(BusinessRoutes.Operation.resendInvitation)) { _, context in
            try await resendInvitation(context.visitor, context.membership, id: context.parameters.get("invitation") ?? "")
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

    func list(_ visitor: Visitor, notice: String? = nil, values: [String: String] = [:], errors: [String: String] = [:]) async throws -> Response {
        let text = visitor.flow.text
        let language = visitor.flow.language
        let mine = try await kit.store.memberships(accountID: visitor.account.id)
        let lines = mine.map { entry in
            "\(entry.business.name) (\(entry.business.customerNumber)): \(entry.role.label(language))"
                + (entry.business.activatedAt == nil ? ", \(text.notActivated.lowercased())" : "")
        }
        let links = mine.map { (BusinessRoutes.business($0.business.customerNumber) + "?lang=\(language.rawValue)", $0.business.name) }
        return kit.render(
            FormPage(
                title: text.businessesTitle, lead: mine.isEmpty ? text.noBusinesses : lines.joined(separator: " · "), notice: notice,
                forms: [
                    FormView(
                        action: BusinessRoutes.linkPIN, submit: text.link, hidden: visitor.hidden,
                        fields: [
                            FormField(name: "customer_number", label: text.customerNumber, autocomplete: "off",
                                      value: values["customer_number"] ?? "", error: errors["customer_number"], inputMode: "numeric"),
                            FormField(name: "pin", label: text.pin, type: "password", autocomplete: "off", error: errors["pin"], inputMode: "numeric"),
                        ],
                        heading: text.linkWithPIN, lines: [text.linkWithPINLead]),
                    FormView(
                        action: BusinessRoutes.linkEmail, submit: text.sendLink, hidden: visitor.hidden,
                        fields: [FormField(name: "email_customer_number", label: text.customerNumber, autocomplete: "off",
                                           value: values["email_customer_number"] ?? "", error: errors["email_customer_number"], inputMode: "numeric")],
                        heading: text.linkByEmail, lines: [text.linkByEmailLead], secondary: true),
                ],
                links: links + [(AccountRoutes.account + "?lang=\(language.rawValue)", text.accountTitle)]),
            flow: visitor.flow, switchPath: BusinessRoutes.list, status: errors.isEmpty ? .ok : .badRequest)
    }

    func linkWithPIN(_ visitor: Visitor, form: [String: String]) async throws -> Response {
        let text = visitor.flow.text
        let number = (form["customer_number"] ?? "").trimmingCharacters(in: .whitespaces)
        let pin = form["pin"] ?? ""
        let values = ["customer_number": number]
        guard Business.isCustomerNumber(number), !pin.isEmpty, pin.count <= 64 else {
            return try await list(visitor, values: values, errors: ["pin": text.wrongCustomerNumberOrPIN])
        }
        let business = try await kit.store.business(customerNumber: number)
        // Unknown numbers are throttled and verified like known ones: the answer never tells them apart.
        let now = kit.now()
        let businessClaim = try await kit.store.claimAttempt(key: "pin:business:\(number)", throttle: Self.pinThrottle, now: now, recordRefused: false)
        let accountClaim = try await kit.store.claimAttempt(
            key: "pin:account:\(visitor.account.id)", throttle: Self.accountPINThrottle, now: now, recordRefused: false)
        guard businessClaim.decision == .allow, accountClaim.decision == .allow else {
            for id in [businessClaim.attemptID, accountClaim.attemptID].compactMap({ $0 }) { try await kit.store.forgiveAttempt(id: id) }
            try await audit("business.pin_refused", visitor, business: number, details: ["reason": "locked"])
            return try await list(visitor, values: values, errors: ["pin": text.pinLocked])
        }
        let usable = business.flatMap { $0.kind.mayUsePIN && $0.activatedAt == nil ? $0.pinHash : nil }
        let matches = try await kit.verify(pin, against: usable ?? kit.decoyHash) && usable != nil
        guard matches else {
            try await audit("business.pin_failed", visitor, business: number)
            if let business, businessClaim.failuresBefore == Self.pinThrottle.lockoutThreshold - 1 {
                try await audit("business.pin_locked", visitor, business: number)
                try await kit.mail.enqueue(
                    to: MailAddress(address: business.registeredEmail), text: .pinLocked(business: business.name, language: .sv), now: now)
            }
            return try await list(visitor, values: values, errors: ["pin": text.wrongCustomerNumberOrPIN])
        }
        for id in [businessClaim.attemptID, accountClaim.attemptID].compactMap({ $0 }) { try await kit.store.forgiveAttempt(id: id) }
        switch try await kit.store.linkFirstAdministrator(customerNumber: number, accountID: visitor.account.id, at: now) {
        case .linked:
            try await audit("business.linked", visitor, business: number, details: ["path": "pin", "role": "admin"])
            return redirect(BusinessRoutes.business(number), visitor, notice: "linked")
        case .hasAdministrator, .unknownBusiness, .invalidToken:
            try await audit("business.link_refused", visitor, business: number, details: ["path": "pin", "reason": "has_administrator"])
            return try await list(visitor, values: values, errors: ["pin": text.hasAdministrator])
        }
    }

    func linkByEmail(_ visitor: Visitor, form: [String: String]) async throws -> Response {
        let number = (form["email_customer_number"] ?? "").trimmingCharacters(in: .whitespaces)
        guard Business.isCustomerNumber(number) else {
            return try await list(visitor, values: ["email_customer_number": number], errors: ["email_customer_number": visitor.flow.text.wrongCustomerNumberOrPIN])
        }
        let now = kit.now()
        // At most 5 link mails an hour per account and per business, counted atomically: the registered address
        // must not be flooded.
        let limit = LoginThrottle(freeFailures: 5, maximumDelay: 0, lockoutThreshold: 5)
        let byAccount = try await kit.store.claimAttempt(key: "business-link-mail:\(visitor.account.id)", throttle: limit, now: now, recordRefused: false)
        let byBusiness = try await kit.store.claimAttempt(key: "business-link-mail:\(number)", throttle: limit, now: now, recordRefused: false)
        if byAccount.decision == .allow, byBusiness.decision == .allow, let business = try await kit.store.business(customerNumber: number),
            try await kit.store.members(customerNumber: number).isEmpty
        {
            let token = RandomToken.generate()
            try await kit.store.saveLinkToken(
                digest: Digest.sha256(token), customerNumber: number, accountID: visitor.account.id, expiresAt: now.addingTimeInterval(Self.linkLifetime))
            let requester = [visitor.account.givenName, visitor.account.familyName].compactMap { $0 }.joined(separator: " ")
            try await kit.mail.enqueue(
                to: MailAddress(address: business.registeredEmail),
                text: .businessLink(
                    business: business.name, customerNumber: number, link: "\(issuer)\(BusinessRoutes.redeemLink)?token=\(token)",
                    requester: requester.isEmpty ? (visitor.account.email ?? "") : requester, language: visitor.flow.language),
                now: now)
            try await audit("business.link_mailed", visitor, business: number)
        }
        // The same answer whether or not the number exists, has members, or the limit was reached.
        return redirect(BusinessRoutes.list, visitor, notice: "mail")
    }

    func redeemLink(_ visitor: Visitor, token: String?) async throws -> Response {
        let text = visitor.flow.text
        guard let token, token.count <= 128 else {
            return try await list(visitor, notice: text.linkInvalid)
        }
        let (outcome, number) = try await kit.store.redeemLinkToken(digest: Digest.sha256(token), accountID: visitor.account.id, now: kit.now())
        switch outcome {
        case .linked:
            let number = number ?? ""
            try await audit("business.linked", visitor, business: number, details: ["path": "email", "role": "admin"])
            return redirect(BusinessRoutes.business(number), visitor, notice: "linked")
        case .hasAdministrator:
            try await audit("business.link_refused", visitor, business: number ?? "", details: ["path": "email", "reason": "has_administrator"])
            return try await list(visitor, notice: text.hasAdministrator)
        case .unknownBusiness, .invalidToken:
            try await kit.audit("business.link_refused", actor: visitor.actor, source: visitor.flow.source, details: ["reason": "invalid_token"])
            return try await list(visitor, notice: text.linkInvalid)
        }
    }
}
