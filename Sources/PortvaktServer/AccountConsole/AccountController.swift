import Foundation
import Hummingbird
import PortvaktCore
import PortvaktStore

/// The account page of a logged-in user: change name, password and e-mail address (the new address is
/// verified with a code first), see the active sessions and end them. Also the privacy policy page.
struct AccountController<Store: AccountStore & CredentialStore & RateLimitStore & SessionStore & AuthorizationStore & AuditLog & BusinessStore & ClientStore & ApplicationStore>: Sendable {
    let kit: AccountKit<Store>

    /// The account pages' routes; `group` is the account context's group (`AccountMiddleware`).
    func addRoutes(to group: RouterGroup<AccountRequestContext>) {
        group.get(RouterPath(AccountRoutes.account)) { request, context in
            let done = request.uri.queryParameters["done"].map(String.init) ?? ""
            return try await page(context.visitor, notice: notice(done, text: context.visitor.flow.text))
        }
        group.post(RouterPath(AccountRoutes.accountName)) { _, context in try await changeName(context.visitor, form: context.form) }
        group.post(RouterPath(AccountRoutes.accountPassword)) { _, context in try await changePassword(context.visitor, form: context.form) }
        group.post(RouterPath(AccountRoutes.accountEmail)) { _, context in try await changeEmail(context.visitor, form: context.form) }
        // The code step is a page of its own (post/redirect/get): Back and reload show it again, harmlessly.
        group.get(RouterPath(AccountRoutes.accountEmailCode)) { request, context in
            let visitor = context.visitor
            guard let sealed = request.uri.queryParameters["ticket"].map(String.init), let email = pendingEmail(["ticket": sealed], visitor) else {
                throw PageError.expired(visitor.flow.language)
            }
            return codePage(visitor, email: email, ticket: sealed)
        }
        group.post(RouterPath(AccountRoutes.accountEmailCode)) { _, context in try await verifyEmail(context.visitor, form: context.form) }
        group.post(RouterPath(AccountRoutes.accountEmailResend)) { _, context in try await resendEmail(context.visitor, form: context.form) }
        group.post(RouterPath(AccountRoutes.accountSessionEnd)) { _, context in try await endSession(context.visitor, form: context.form) }
        group.post(RouterPath(AccountRoutes.accountSessionsEndAll)) { _, context in try await endAllSessions(context.visitor) }
        group.post(RouterPath(AccountRoutes.accountServiceRevoke)) { _, context in try await revokeService(context.visitor, form: context.form) }
    }

    /// The privacy policy, a page of the flow (no login needed).
    func addPrivacyRoute(to group: RouterGroup<FlowRequestContext>) {
        group.get(RouterPath(AccountRoutes.privacy)) { _, context in
            let flow = context.flow
            let text = flow.text
            return kit.pages.render(
                "document", title: text.privacyTitle, language: flow.language,
                values: ["paragraphs": PrivacyPolicy.paragraphs(flow.language, service: kit.pages.ui.serviceName), "footnote": text.privacyVersion(PrivacyPolicy.version)],
                switchLanguageHref: flow.switchLink(AccountRoutes.privacy))
        }
    }

    private func notice(_ done: String, text: PageText) -> String? {
        switch done {
        case "name": text.nameSaved
        case "password": text.passwordChanged
        case "email": text.emailChanged
        case "session": text.sessionEnded
        case "service": text.serviceRevoked
        default: nil
        }
    }

    private func done(_ what: String, _ visitor: Visitor) -> Response {
        .redirect(to: "\(AccountRoutes.account)?done=\(what)&lang=\(visitor.flow.language.rawValue)", type: .normal)
    }

    // MARK: - The page

    func page(_ visitor: Visitor, notice: String? = nil, values: [String: String] = [:], errors: [String: String] = [:]) async throws -> Response {
        let text = visitor.flow.text
        let account = visitor.account
        let hidden = visitor.hidden
        var forms = [FormView(
            action: AccountRoutes.accountName, submit: text.save, hidden: hidden,
            fields: [
                FormField(name: "given_name", label: text.givenName, autocomplete: "given-name",
                          value: values["given_name"] ?? account.givenName ?? "", error: errors["given_name"]),
                FormField(name: "family_name", label: text.familyName, autocomplete: "family-name",
                          value: values["family_name"] ?? account.familyName ?? "", error: errors["family_name"]),
            ],
            heading: text.nameSection)]
        let hasPassword = try await kit.store.passwordHash(accountID: account.id) != nil
        if hasPassword {
            forms.append(FormView(
                action: AccountRoutes.accountPassword, submit: text.save, hidden: hidden,
                fields: [
                    FormField(name: "current_password", label: text.currentPassword, type: "password", autocomplete: "current-password",
                              error: errors["current_password"]),
                    FormField(name: "new_password", label: text.newPassword, type: "password", autocomplete: "new-password",
                              error: errors["new_password"], hint: text.passwordHint),
                ],
                heading: text.passwordSection))
        }
        var emailFields = [FormField(
            name: "email", label: text.email, type: "email", autocomplete: "email", value: values["email"] ?? "", error: errors["email"])]
        if hasPassword {
            // The same id and name as in the password form would clash: this one is the e-mail form's.
            emailFields.append(FormField(
                name: "email_current_password", label: text.currentPassword, type: "password", autocomplete: "current-password",
                error: errors["email_current_password"]))
        }
        forms.append(FormView(
            action: AccountRoutes.accountEmail, submit: text.sendCode, hidden: hidden, fields: emailFields,
            heading: text.emailSection, lines: account.email.map { [text.currentEmail($0)] } ?? []))
        let sessions = try await kit.store.activeSessions(
            accountID: account.id, now: kit.now(), idleTimeout: kit.sessions.idleTimeout)
        for (index, session) in sessions.enumerated() {
            var line = text.sessionLine(
                device: session.userAgent.map { text.device(UserAgentSummary($0)) }, started: PageTime.minute(session.createdAt),
                lastSeen: PageTime.minute(session.lastSeenAt), method: text.loginMethod(session.amr), address: session.address)
            if session.sid == visitor.session.sid { line += " (\(text.thisDevice))" }
            forms.append(FormView(
                action: AccountRoutes.accountSessionEnd, submit: text.endSession, hidden: hidden + [("sid", session.sid)],
                heading: index == 0 ? text.sessionsSection : nil, lines: [line], secondary: true))
        }
        forms.append(FormView(
            action: AccountRoutes.accountSessionsEndAll, submit: text.logOutEverywhere, hidden: hidden, lines: [text.logOutEverywhereLead],
            secondary: true))
        // "Anslutna tjänster": the clients with remembered consent, each revocable.
        let consents = try await kit.store.consents(accountID: account.id)
        for (index, consent) in consents.enumerated() {
            let name = try await kit.store.client(id: consent.clientID)?.name ?? consent.clientID
            let scopes = consent.scopes.compactMap { text.describe(scope: $0) }.joined(separator: "; ")
            forms.append(FormView(
                action: AccountRoutes.accountServiceRevoke, submit: text.revokeService(name), hidden: hidden + [("client_id", consent.clientID)],
                heading: index == 0 ? text.servicesSection : nil,
                lines: (index == 0 ? [text.servicesLead] : []) + [text.serviceLine(name, scopes: scopes, since: PageTime.minute(consent.grantedAt))],
                secondary: true))
        }
        // The businesses lead the page, as in the customer guide: "Koppla konto till verksamhet" when there are none.
        let lang = "?lang=\(visitor.flow.language.rawValue)"
        let mine = try await kit.store.memberships(accountID: account.id)
        // A new customer's applications follow, each with its status ("Inskickad", "Komplettering begärd"…).
        let applications = try await kit.store.applications(accountID: account.id)
        let choices: [(href: String, text: String)] = (mine.isEmpty
            ? [(BusinessRoutes.list + lang, text.linkBusinessButton)]
            : mine.map { (BusinessRoutes.business($0.business.customerNumber) + lang, $0.business.name) })
            + applications.map {
                (ApplicationRoutes.application($0.id) + lang, text.applicationLine(reference: $0.reference, business: $0.details.name, status: $0.status))
            }
        var response = kit.render(
            FormPage(
                title: text.accountTitle, lead: [text.welcome(kit.pages.ui.serviceName), account.email].compactMap { $0 }.joined(separator: " · "), notice: notice,
                choices: choices, forms: forms,
                links: [(BusinessRoutes.list + lang, text.businessesLink), ("/logout", text.logOutLink)]),
            flow: visitor.flow, switchPath: AccountRoutes.account, status: errors.isEmpty ? .ok : .badRequest)
        response.headers[.cacheControl] = "no-store"
        return response
    }


    // MARK: - Name and password

    func changeName(_ visitor: Visitor, form: [String: String]) async throws -> Response {
        let text = visitor.flow.text
        guard let given = AccountKit<Store>.name(form["given_name"]), let family = AccountKit<Store>.name(form["family_name"]) else {
            var errors: [String: String] = [:]
            if AccountKit<Store>.name(form["given_name"]) == nil { errors["given_name"] = text.nameRequired }
            if AccountKit<Store>.name(form["family_name"]) == nil { errors["family_name"] = text.nameRequired }
            return try await page(visitor, values: form, errors: errors)
        }
        try await kit.store.updateName(accountID: visitor.account.id, givenName: given, familyName: family)
        try await kit.audit("account.name_changed", actor: "account:\(visitor.account.id)", target: visitor.account.id, source: visitor.flow.source)
        return done("name", visitor)
    }

    func changePassword(_ visitor: Visitor, form: [String: String]) async throws -> Response {
        guard let email = visitor.account.email else { throw PageError.expired(visitor.flow.language) }
        let text = visitor.flow.text
        let account = visitor.account
        let newPassword = form["new_password"] ?? ""
        let (outcome, _) = try await kit.checkPassword(email: email, password: form["current_password"] ?? "", flow: visitor.flow)
        guard outcome == .succeeded else {
            return try await page(visitor, errors: ["current_password": kit.message(outcome, wrong: text.wrongCurrentPassword, text: text)])
        }
        if let problem = kit.passwordProblem(newPassword, personal: [email, account.givenName, account.familyName], language: visitor.flow.language) {
            return try await page(visitor, errors: ["new_password": problem])
        }
        let now = kit.now()
        try await kit.store.setPasswordHash(accountID: account.id, hash: try await kit.hash(newPassword), at: now)
        let ended = try await kit.store.endSessions(accountID: account.id, except: visitor.session.sid, at: now)
        try await kit.store.revokeGrants(accountID: account.id, at: now)
        try await kit.store.voidOneTimeCodes(subject: account.id)
        try await kit.audit(
            "password.changed", actor: "account:\(account.id)", target: account.id, source: visitor.flow.source,
            details: ["sessions_ended": "\(ended)"])
        try await kit.mail.enqueue(to: MailAddress(address: email), text: .passwordChanged(language: visitor.flow.language, ui: kit.mail.ui), now: now)
        return done("password", visitor)
    }

    // MARK: - E-mail address

    /// Without a password, changing the address needs a login this recent.
    static var recentLogin: TimeInterval { 600 }

    /// What an address change mails the new address. An address that belongs to another account gets no code, only
    /// the notice that someone tried to use it, at most once a day; the page answers as for any address.
    private func delivery(to email: String, _ visitor: Visitor) async throws -> AccountKit<Store>.CodeMail {
        guard let owner = try await kit.store.account(email: email), owner.id != visitor.account.id else { return .code }
        let limit = Limits.emailInUseNoticesPerAddress
        guard try await kit.store.claim(key: limit.key(email.lowercased()), limit: limit, now: kit.now()).isAllowed else { return .nothing }
        return .instead(.written(in: MailLanguage.of(locale: owner.locale, hasAccount: true)) { .emailInUse(language: $0, ui: kit.mail.ui) })
    }

    /// Codes for an address change are bound to the account and the new address together.
    private static func emailSubject(_ accountID: String, _ email: String) -> String { "\(accountID) \(email.lowercased())" }

    func changeEmail(_ visitor: Visitor, form: [String: String]) async throws -> Response {
        let text = visitor.flow.text
        guard let email = AccountKit<Store>.email(form["email"]) else {
            return try await page(visitor, values: form, errors: ["email": text.invalidEmail])
        }
        if email.lowercased() == visitor.account.email?.lowercased() {
            return try await page(visitor, values: form, errors: ["email": text.sameEmail])
        }
        // A new address can take the account over (its reset codes go there): whoever asks proves it is them again.
        if let current = visitor.account.email, try await kit.store.passwordHash(accountID: visitor.account.id) != nil {
            let (outcome, _) = try await kit.checkPassword(email: current, password: form["email_current_password"] ?? "", flow: visitor.flow)
            guard outcome == .succeeded else {
                return try await page(
                    visitor, values: form,
                    errors: ["email_current_password": kit.message(outcome, wrong: text.wrongCurrentPassword, text: text)])
            }
        } else if kit.now().timeIntervalSince(visitor.session.authTime) > Self.recentLogin {
            return try await page(visitor, values: form, errors: ["email": text.logInAgain])
        }
        let sent = try await kit.sendCode(
            purpose: .emailChange, subject: Self.emailSubject(visitor.account.id, email), to: email, mail: try await delivery(to: email, visitor),
            flow: visitor.flow, actor: "account:\(visitor.account.id)")
        let sealed = ticket(visitor, email: email)
        // Nothing sent (a limit): the page says why, here. Sent: the code step's own page.
        guard sent == .sent else { return codePage(visitor, email: email, ticket: sealed, notice: sent.notice(text, resend: false)) }
        return kit.nextStep(AccountRoutes.accountEmailCode, ticket: sealed, visitor.flow)
    }

    private func ticket(_ visitor: Visitor, email: String) -> String {
        kit.seal(FlowTicket(step: .emailCode, subject: Self.emailSubject(visitor.account.id, email), request: nil, now: kit.now()), visitor.flow)
    }

    private func codePage(_ visitor: Visitor, email: String, ticket: String, notice: String? = nil, error: String? = nil) -> Response {
        // The code forms carry the account pages' CSRF token beside the ticket.
        kit.codePage(
            visitor.flow, ticket: ticket, action: AccountRoutes.accountEmailCode, resendAction: AccountRoutes.accountEmailResend,
            lead: visitor.flow.text.codeSent(to: email), notice: notice, error: error, hidden: [("csrf", visitor.csrf)])
    }

    /// The new address of a posted code form, if its ticket belongs to this visitor.
    private func pendingEmail(_ form: [String: String], _ visitor: Visitor) -> String? {
        guard let ticket = kit.openTicket(form, step: .emailCode, visitor.flow) else { return nil }
        let prefix = "\(visitor.account.id) "
        guard ticket.subject.hasPrefix(prefix) else { return nil }
        return String(ticket.subject.dropFirst(prefix.count))
    }

    func verifyEmail(_ visitor: Visitor, form: [String: String]) async throws -> Response {
        guard let email = pendingEmail(form, visitor), let sealed = form["ticket"] else { throw PageError.expired(visitor.flow.language) }
        let account = visitor.account
        let text = visitor.flow.text
        if let error = try await kit.checkCode(
            form["code"], purpose: .emailChange, subject: Self.emailSubject(account.id, email), account: account, flow: visitor.flow)
        {
            return codePage(visitor, email: email, ticket: sealed, error: error)
        }
        do {
            try await kit.store.updateEmail(accountID: account.id, email: email)
        } catch let error as StoreError where error.isConflict {
            return try await page(visitor, values: ["email": email], errors: ["email": text.emailTaken])
        }
        let now = kit.now()
        try await kit.audit(
            "account.email_changed", actor: "account:\(account.id)", target: account.id, source: visitor.flow.source,
            details: ["from": account.email ?? "", "to": email])
        if let old = account.email {
            try await kit.mail.enqueue(
                to: MailAddress(address: old), text: .emailChanged(newAddress: email, language: visitor.flow.language, ui: kit.mail.ui), now: now)
        }
        return done("email", visitor)
    }

    func resendEmail(_ visitor: Visitor, form: [String: String]) async throws -> Response {
        guard let email = pendingEmail(form, visitor), let sealed = form["ticket"] else { throw PageError.expired(visitor.flow.language) }
        let sent = try await kit.sendCode(
            purpose: .emailChange, subject: Self.emailSubject(visitor.account.id, email), to: email, mail: try await delivery(to: email, visitor),
            flow: visitor.flow, actor: "account:\(visitor.account.id)")
        let notice = sent.notice(visitor.flow.text, resend: true)
        return codePage(visitor, email: email, ticket: sealed, notice: notice)
    }

    // MARK: - Sessions

    /// "Logga ut överallt": every session of the account ends, this one too; the logged-out page follows.
    func endAllSessions(_ visitor: Visitor) async throws -> Response {
        let ended = try await kit.store.endSessions(accountID: visitor.account.id, except: nil, at: kit.now())
        try await kit.audit(
            "session.ended_everywhere", actor: visitor.actor, target: visitor.account.id, source: visitor.flow.source, details: ["sessions": "\(ended)"])
        var response = Response.redirect(to: AccountRoutes.loggedOut + "?lang=\(visitor.flow.language.rawValue)", type: .normal)
        response.setCookie(kit.sessions.expiredCookie)
        return response
    }

    /// Removes a connected service: its consent is forgotten and its grants end, refresh tokens included.
    func revokeService(_ visitor: Visitor, form: [String: String]) async throws -> Response {
        guard let clientID = form["client_id"], !clientID.isEmpty, clientID.count <= 256 else { throw PageError.expired(visitor.flow.language) }
        if try await kit.store.revokeConsent(accountID: visitor.account.id, clientID: clientID, at: kit.now()) {
            try await kit.audit("consent.revoked", actor: visitor.actor, target: clientID, source: visitor.flow.source)
        }
        return done("service", visitor)
    }

    func endSession(_ visitor: Visitor, form: [String: String]) async throws -> Response {
        guard let sid = form["sid"] else { throw PageError.expired(visitor.flow.language) }
        let mine = try await kit.store.activeSessions(accountID: visitor.account.id, now: kit.now(), idleTimeout: kit.sessions.idleTimeout)
        guard mine.contains(where: { $0.sid == sid }) else { return done("session", visitor) }
        try await kit.store.endSession(sid: sid, at: kit.now())
        try await kit.audit("session.ended", actor: "account:\(visitor.account.id)", target: sid, source: visitor.flow.source)
        var response = done("session", visitor)
        if sid == visitor.session.sid { response.setCookie(kit.sessions.expiredCookie) }
        return response
    }
}
