import Foundation
import Hummingbird
import PortvaktCore
import PortvaktCrypto
import PortvaktStore

/// The authorization endpoint (RFC 6749 §3.1, OpenID Connect Core §3.1.2), the login page that lists the login
/// methods, and the consent page. A request waiting for login or consent is kept in the store, bound to the
/// browser that started it; the browser carries only its opaque id.
struct AuthorizeController<Store: AccountStore & AuthorizationStore & AuditLog & BusinessStore & RateLimitStore> {
    let store: Store
    /// The registered clients, from this node's memory.
    let clients: ClientDirectory
    let sessions: LoginSessions
    let binding: BrowserBinding
    let pages: PageRenderer
    let keyRing: KeyRing
    let issuer: String
    let loginMethods: [any LoginMethod]
    /// Where the login page links to create an account, if any method offers that.
    let signUpPath: String?
    let now: @Sendable () -> Date

    /// How long a user may take to log in and consent.
    static var pendingLifetime: TimeInterval { 1800 }
    /// RFC 6749 §4.1.2 recommends at most ten minutes; Portvakt's codes live 60 seconds.
    static var codeLifetime: TimeInterval { 60 }

    /// The endpoint itself, on the router.
    func addRoutes(to router: Router<PortvaktRequestContext>) {
        router.get(RouterPath(Endpoints.authorization)) { request, context in
            try await authorize(request, source: context.remoteAddress ?? "unknown", parameters: { try FormParameters.query(request) })
        }
        router.post(RouterPath(Endpoints.authorization)) { request, context in
            try await authorize(request, source: context.remoteAddress ?? "unknown", parameters: { try await FormParameters.body(request) })
        }
    }

    /// The pages of a pending request, in the flow group (`FlowMiddleware` has loaded the request of `?request=`).
    func addPendingRoutes(to group: RouterGroup<FlowRequestContext>) {
        group.get(RouterPath(PendingRoutes.resume)) { request, context in try await resume(request, context.flow) }
        group.get(RouterPath(PendingRoutes.login)) { _, context in loginPage(context.flow) }
        group.get(RouterPath(PendingRoutes.consent)) { request, context in try await consentPage(request, context.flow) }
        group.post(RouterPath(PendingRoutes.consent)) { request, context in try await consentDecision(request, context.flow, form: context.form) }
        group.get(RouterPath(PendingRoutes.business)) { request, context in try await businessPicker(request, context.flow) }
        group.post(RouterPath(PendingRoutes.business)) { request, context in try await businessChoice(request, context.flow, form: context.form) }
    }

    // MARK: - The endpoint

    func authorize(_ request: Request, source: String, parameters read: () async throws -> [String: String]) async throws -> Response {
        let parameters: [String: String]
        do {
            parameters = try await read()
        } catch let error as OAuthError {
            // Without trustworthy parameters there is no redirect URI to trust either.
            return pages.error(error, language: browserLanguage(request))
        }
        let language = PageLanguage.choose(
            uiLocales: AuthorizationChecks.words(parameters["ui_locales"]), acceptLanguage: request.headers[.acceptLanguage])
        let client = try await parameters["client_id"].asyncFlatMap { try await clients.lookup(id: $0) }
        let (registered, redirectURI): (ClientRegistration, String)
        switch AuthorizationChecks.checkClientAndRedirectURI(parameters, client: client) {
        case .failure(let error): return pages.error(error, language: language)
        case .success(let checked): (registered, redirectURI) = checked
        }
        var authorization: AuthorizationRequest
        switch AuthorizationChecks.parse(parameters, client: registered, redirectURI: redirectURI) {
        case .failure(let error) where !error.mayRedirect: return pages.error(error, language: language)
        case .failure(let error): return errorRedirect(error, redirectURI: redirectURI, state: parameters["state"])
        case .success(let parsed): authorization = parsed
        }
        guard keyRing.signer(for: registered.idTokenSignedResponseAlg) != nil else {
            return errorRedirect(
                OAuthError(code: "temporarily_unavailable", description: "no \(registered.idTokenSignedResponseAlg.rawValue) key signs yet", status: 503),
                redirectURI: redirectURI, state: authorization.state)
        }
        if let hint = parameters["id_token_hint"] {
            guard let payload = await keyRing.verifyIDTokenHint(hint, issuer: issuer) else {
                return errorRedirect(.invalidRequest("id_token_hint is not an ID token issued here"), redirectURI: redirectURI, state: authorization.state)
            }
            authorization.hintedSubject = payload.sub.value
        }
        return try await proceed(authorization, client: registered, pending: nil, startedAt: now(), request: request, source: source)
    }

    /// Comes back here after a login or a consent.
    func resume(_ request: Request, _ flow: FlowRequest) async throws -> Response {
        let (pending, client) = try await pendingRequest(flow)
        return try await proceed(pending.request, client: client, pending: pending, startedAt: pending.createdAt, request: request)
    }

    private func proceed(
        _ authorization: AuthorizationRequest, client: ClientRegistration, pending: PendingAuthorization?, startedAt: Date,
        request: Request, source: String? = nil
    ) async throws -> Response {
        let now = now()
        // The session and the consent already given to this client, in one read.
        let current = try await sessions.secretDigest(request).asyncFlatMap { digest in
            try await store.authorizingSession(secretDigest: digest, clientID: client.id, now: now, idleTimeout: sessions.idleTimeout)
        }
        let consented: Set<String> = client.firstParty ? [] : current?.consentedScopes ?? []
        // Consent counts only for the session whose user gave it.
        let consentGiven = pending?.consentSID != nil && pending?.consentSID == current?.session.sid
        var businesses: [ActiveMembership] = []
        if let current, authorization.asksForBusiness {
            businesses = try await store.activeMemberships(accountID: current.session.accountID)
        }
        let step = authorization.nextStep(
            session: current?.session.view, client: client, startedAt: startedAt, consentedScopes: consented,
            consentGiven: consentGiven, businesses: businesses, supportedAcrValues: supportedAcrValues, now: now)
        switch step {
        case .fail(let error):
            if let pending { try await store.claimPendingAuthorization(id: pending.id) }
            return errorRedirect(error, redirectURI: authorization.redirectURI, state: authorization.state)
        case .login:
            return try await redirectPending(pending, authorization, to: PendingRoutes.login, request: request, source: source, now: now)
        case .consent:
            return try await redirectPending(pending, authorization, to: PendingRoutes.consent, request: request, source: source, now: now)
        case .chooseBusiness:
            return try await redirectPending(pending, authorization, to: PendingRoutes.business, request: request, source: source, now: now)
        case .onboardBusiness:
            return try await redirectPending(pending, authorization, to: PendingRoutes.onboarding, request: request, source: source, now: now)
        case .issueCode(_, let scopes):
            guard let session = current?.session else { throw PageError.expired() }
            if let pending {
                // Claimed once: a second tab or a double click does not get a second code.
                guard try await store.claimPendingAuthorization(id: pending.id) else { throw PageError.expired() }
            }
            var authorization = authorization
            authorization.scopes = scopes
            let code = try await issueCode(authorization, session: session, now: now)
            return .redirect(
                to: RedirectURL.adding([("code", code), ("state", authorization.state), ("iss", issuer)], to: authorization.redirectURI),
                type: .found)
        }
    }

    /// Sends the browser to a page of the pending request, saving the request first when it is new.
    private func redirectPending(
        _ pending: PendingAuthorization?, _ authorization: AuthorizationRequest, to route: String, request: Request, source: String?,
        now: Date
    ) async throws -> Response {
        if let pending { return .redirect(to: PendingRoutes.url(route, pending.id), type: .found) }
        let (browser, newCookie) = binding.current(request)
        // A new request is kept for its login: counted per client address and per browser (`Limits`).
        var claimed: [RateLimitClaim] = []
        for (limit, key) in [(Limits.pendingRequestsPerAddress, source ?? "unknown"), (Limits.pendingRequestsPerBrowser, Base64URL.encode(browser))] {
            let claim = try await store.claim(key: limit.key(key), limit: limit, now: now)
            guard case .allow = claim.decision else {
                try await store.release(claimed)
                throw PageError.tooManyRequests()
            }
            claimed.append(claim)
        }
        let id = RandomToken.generate()
        try await store.savePendingAuthorization(PendingAuthorization(
            id: id, request: authorization, createdAt: now, expiresAt: now.addingTimeInterval(Self.pendingLifetime), browserBinding: browser))
        var response = Response.redirect(to: PendingRoutes.url(route, id), type: .found)
        if let newCookie { response.setCookie(newCookie) }
        return response
    }

    private func issueCode(_ authorization: AuthorizationRequest, session: LoginSession, now: Date) async throws -> String {
        let grantID = RandomToken.generate(bits: 128)
        let context = GrantContext(
            grantID: grantID, clientID: authorization.clientID, subject: session.accountID, scopes: authorization.scopes,
            authTime: session.authTime, acr: session.acr, amr: session.amr, sid: session.sid, nonce: authorization.nonce,
            idTokenClaims: authorization.idTokenClaims)
        let code = RandomToken.generate()
        // The code in one write; it carries the grant, which its redemption creates.
        let saved = try await store.saveCode(
            digest: Digest.sha256(code),
            record: AuthorizationCodeRecord(
                context: context, redirectURI: authorization.redirectURI, codeChallenge: authorization.codeChallenge,
                userinfoClaims: authorization.userinfoClaims, createdAt: now, expiresAt: now.addingTimeInterval(Self.codeLifetime)))
        // The session ended since it was read (a logout in another tab): no code, and the form has expired.
        guard saved else { throw PageError.expired() }
        return code
    }

    /// An error sent back to the client (RFC 6749 §4.1.2.1) with `iss` (RFC 9207).
    private func errorRedirect(_ error: OAuthError, redirectURI: String, state: String?) -> Response {
        AuthorizationRedirect.error(error, redirectURI: redirectURI, state: state, issuer: issuer)
    }

    // MARK: - Pending requests

    /// The flow's pending request with its client; the "form has expired" page when there is none.
    func pendingRequest(_ flow: FlowRequest) async throws -> (PendingAuthorization, ClientRegistration) {
        guard let pending = flow.pending, let client = try await clients.lookup(id: pending.request.clientID) else {
            throw PageError.expired(flow)
        }
        return (pending, client)
    }

    func browserLanguage(_ request: Request) -> PageLanguage {
        PageLanguage.choose(uiLocales: [], acceptLanguage: request.headers[.acceptLanguage])
    }

    // MARK: - Login page

    /// The `acr` values the login methods produce.
    var supportedAcrValues: Set<String> { Set(loginMethods.flatMap(\.acrValues)) }

    /// The login methods. A request whose `acr_values` only a method produces goes straight to it, as with the
    /// Swedish brokers relying parties use (BankID's own page then skips its device choice for a device-specific
    /// value). Opened without `?request=` (to reach the account page, or a page that needed a login), the same
    /// methods with no app waiting; every link keeps the pending request or the return target.
    func loginPage(_ flow: FlowRequest) -> Response {
        if let requested = flow.pending?.request.acrValues, !requested.isEmpty,
            let method = loginMethods.first(where: { method in requested.allSatisfy(method.acrValues.contains) })
        {
            return .redirect(to: flow.link(method.startPath), type: .found)
        }
        let text = flow.text
        let methods = loginMethods.map { ["href": flow.link($0.startPath), "label": $0.label(flow.language)] }
        var values: [String: Any] = [
            "lead": text.loginLead, "methods": methods, "hasMethods": !methods.isEmpty, "noMethods": text.noLoginMethods,
        ]
        if let signUpPath {
            values["signUp"] = ["href": flow.link(signUpPath), "text": text.createAccountLink]
        }
        var response = pages.render(
            "login", title: text.loginTitle, language: flow.language, values: values, switchLanguageHref: flow.switchLink(PendingRoutes.login))
        if let cookie = flow.newCookie { response.setCookie(cookie) }
        return response
    }

    // MARK: - Consent

    func consentPage(_ request: Request, _ flow: FlowRequest) async throws -> Response {
        let (pending, client) = try await pendingRequest(flow)
        guard let current = try await sessions.current(request, now: now()) else {
            return .redirect(to: PendingRoutes.url(PendingRoutes.login, pending.id), type: .found)
        }
        let language = flow.language
        let text = PageText(language)
        return pages.render(
            "consent", title: text.consentTitle, language: language,
            values: [
                "lead": text.consentLead(client.name), "scopes": pending.request.scopes.compactMap(text.describe(scope:)),
                "requestID": pending.id, "csrf": sessions.csrfToken(sessionDigest: current.secretDigest, purpose: "consent:\(pending.id)"),
                "approve": text.approve, "deny": text.deny,
            ],
            switchLanguageHref: flow.switchLink(PendingRoutes.consent))
    }

    func consentDecision(_ request: Request, _ flow: FlowRequest, form: [String: String]) async throws -> Response {
        let (pending, _) = try await pendingRequest(flow)
        guard let current = try await sessions.current(request, now: now()),
            sessions.checkCSRF(form["csrf"], sessionDigest: current.secretDigest, purpose: "consent:\(pending.id)")
        else { throw PageError.expired(flow) }
        guard form["decision"] == "approve" else {
            try await store.claimPendingAuthorization(id: pending.id)
            return errorRedirect(.accessDenied("the user did not approve the request"), redirectURI: pending.request.redirectURI, state: pending.request.state)
        }
        try await store.saveConsent(accountID: current.session.accountID, clientID: pending.request.clientID, scopes: pending.request.scopes, at: now())
        try await store.markConsentGiven(pendingID: pending.id, sid: current.session.sid)
        try await store.record(AuditEvent(
            at: now(), actor: "account:\(current.session.accountID)", action: "consent.granted", target: pending.request.clientID,
            details: ["scope": pending.request.scopes.joined(separator: " ")]))
        return .redirect(to: PendingRoutes.url(PendingRoutes.resume, pending.id), type: .normal)
    }
}

extension AuthorizeController {
    /// The business picker: an account with several active businesses picks the one to act for.
    func businessPicker(_ request: Request, _ flow: FlowRequest) async throws -> Response {
        let (pending, client) = try await pendingRequest(flow)
        guard let current = try await sessions.current(request, now: now()) else {
            return .redirect(to: PendingRoutes.url(PendingRoutes.login, pending.id), type: .found)
        }
        let language = flow.language
        let text = PageText(language)
        let csrf = sessions.csrfToken(sessionDigest: current.secretDigest, purpose: "business:\(pending.id)")
        let active = try await store.activeMemberships(accountID: current.session.accountID)
        let forms = active.map { entry in
            FormView(
                action: PendingRoutes.business, submit: "\(entry.business.name) (\(entry.business.customerNumber))",
                hidden: [("request", pending.id), ("csrf", csrf), ("business", entry.business.customerNumber)],
                lines: [entry.role.label(language)], secondary: false)
        }
        return pages.render(
            "form", title: text.chooseBusiness, language: language,
            values: FormPage(title: text.chooseBusiness, lead: text.chooseBusinessLead(client.name), forms: forms).values,
            switchLanguageHref: flow.switchLink(PendingRoutes.business))
    }

    func businessChoice(_ request: Request, _ flow: FlowRequest, form: [String: String]) async throws -> Response {
        let (pending, _) = try await pendingRequest(flow)
        guard let current = try await sessions.current(request, now: now()),
            sessions.checkCSRF(form["csrf"], sessionDigest: current.secretDigest, purpose: "business:\(pending.id)"),
            let number = form["business"],
            try await store.activeMemberships(accountID: current.session.accountID).contains(where: { $0.customerNumber == number })
        else { throw PageError.expired(flow) }
        var narrowed = pending.request
        narrowed.scopes = narrowed.scopes.map { $0 == "business" ? "business:\(number)" : $0 }
        try await store.updatePendingRequest(id: pending.id, request: narrowed)
        return .redirect(to: PendingRoutes.url(PendingRoutes.resume, pending.id), type: .normal)
    }
}
