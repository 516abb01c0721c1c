import Foundation
import Hummingbird
import PortvaktCore
import PortvaktCrypto
import PortvaktStore

/// The authorization endpoint (RFC 6749 §3.1, OpenID Connect Core §3.1.2), the login page that lists the login
/// methods, and the consent page. A request waiting for login or consent is kept in the store; the browser
/// carries only its opaque id.
struct AuthorizeController<Store: ClientStore & AccountStore & AuthorizationStore & AuditLog> {
    let store: Store
    let sessions: LoginSessions
    let pages: PageRenderer
    let keyRing: KeyRing
    let issuer: String
    let loginMethods: [any LoginMethod]
    let now: @Sendable () -> Date

    /// How long a user may take to log in and consent.
    static var pendingLifetime: TimeInterval { 1800 }
    /// RFC 6749 §4.1.2 recommends at most ten minutes; the issue asks for at most 60 s.
    static var codeLifetime: TimeInterval { 60 }

    func addRoutes(to router: Router<PortvaktRequestContext>) {
        router.get(RouterPath(Endpoints.authorization)) { request, _ in
            try await authorize(request, parameters: try FormParameters.query(request))
        }
        router.post(RouterPath(Endpoints.authorization)) { request, _ in
            try await authorize(request, parameters: try await FormParameters.body(request))
        }
        router.get("/authorize/resume") { request, _ in try await resume(request) }
        router.get("/login") { request, _ in try await loginPage(request) }
        router.get("/consent") { request, _ in try await consentPage(request) }
        router.post("/consent") { request, _ in try await consentDecision(request) }
    }

    // MARK: - The endpoint

    func authorize(_ request: Request, parameters: [String: String]) async throws -> Response {
        let language = PageLanguage.choose(
            uiLocales: AuthorizationChecks.words(parameters["ui_locales"]), acceptLanguage: request.headers[.acceptLanguage])
        let client = try await parameters["client_id"].asyncFlatMap { try await store.client(id: $0) }
        let (registered, redirectURI): (ClientRegistration, String)
        switch AuthorizationChecks.checkClientAndRedirectURI(parameters, client: client) {
        case .failure(let error): return pages.error(error, language: language)
        case .success(let checked): (registered, redirectURI) = checked
        }
        var authorization: AuthorizationRequest
        switch AuthorizationChecks.parse(parameters, client: registered, redirectURI: redirectURI) {
        case .failure(let error): return errorRedirect(error, redirectURI: redirectURI, state: parameters["state"])
        case .success(let parsed): authorization = parsed
        }
        if let hint = parameters["id_token_hint"] {
            guard let payload = await keyRing.verifyIDTokenHint(hint, issuer: issuer) else {
                return errorRedirect(.invalidRequest("id_token_hint is not an ID token issued here"), redirectURI: redirectURI, state: authorization.state)
            }
            authorization.hintedSubject = payload.sub.value
        }
        return try await proceed(authorization, client: registered, pending: nil, startedAt: now(), request: request)
    }

    /// Comes back here after a login or a consent.
    func resume(_ request: Request) async throws -> Response {
        let language = PageLanguage.choose(uiLocales: [], acceptLanguage: request.headers[.acceptLanguage])
        guard let id = request.uri.queryParameters["request"].map(String.init),
            let pending = try await store.pendingAuthorization(id: id, now: now()),
            let client = try await store.client(id: pending.request.clientID)
        else { return pages.error(Self.expired, language: language) }
        return try await proceed(pending.request, client: client, pending: pending, startedAt: pending.createdAt, request: request)
    }

    private func proceed(
        _ authorization: AuthorizationRequest, client: ClientRegistration, pending: PendingAuthorization?, startedAt: Date,
        request: Request
    ) async throws -> Response {
        let now = now()
        let current = try await sessions.current(request, now: now)
        var consented: Set<String> = []
        if let current, !client.firstParty {
            consented = try await store.consentedScopes(accountID: current.session.accountID, clientID: client.id)
        }
        let step = authorization.nextStep(
            session: current?.session.view, client: client, startedAt: startedAt, consentedScopes: consented,
            consentGiven: pending?.consentGiven ?? false, now: now)
        switch step {
        case .fail(let error):
            if let pending { try await store.deletePendingAuthorization(id: pending.id) }
            return errorRedirect(error, redirectURI: authorization.redirectURI, state: authorization.state)
        case .login:
            let id = try await pendingID(pending, authorization, now: now)
            return .redirect(to: "/login?request=\(id)", type: .found)
        case .consent:
            let id = try await pendingID(pending, authorization, now: now)
            return .redirect(to: "/consent?request=\(id)", type: .found)
        case .issueCode:
            guard let session = current?.session else { return pages.error(Self.expired, language: .sv) }
            if let pending { try await store.deletePendingAuthorization(id: pending.id) }
            let code = try await issueCode(authorization, session: session, now: now)
            return .redirect(
                to: RedirectURL.adding([("code", code), ("state", authorization.state), ("iss", issuer)], to: authorization.redirectURI),
                type: .found)
        }
    }

    private func pendingID(_ pending: PendingAuthorization?, _ authorization: AuthorizationRequest, now: Date) async throws -> String {
        if let pending { return pending.id }
        let id = RandomToken.generate()
        try await store.savePendingAuthorization(PendingAuthorization(
            id: id, request: authorization, createdAt: now, expiresAt: now.addingTimeInterval(Self.pendingLifetime)))
        return id
    }

    private func issueCode(_ authorization: AuthorizationRequest, session: LoginSession, now: Date) async throws -> String {
        let grantID = RandomToken.generate(bits: 128)
        let context = GrantContext(
            grantID: grantID, clientID: authorization.clientID, subject: session.accountID, scopes: authorization.scopes,
            authTime: session.authTime, acr: session.acr, amr: session.amr, sid: session.sid, nonce: authorization.nonce,
            idTokenClaims: authorization.idTokenClaims)
        try await store.createGrant(Grant(
            id: grantID, clientID: authorization.clientID, accountID: session.accountID, scopes: authorization.scopes,
            userinfoClaims: authorization.userinfoClaims, createdAt: now))
        let code = RandomToken.generate()
        try await store.saveCode(
            digest: Digest.sha256(code),
            record: AuthorizationCodeRecord(
                context: context, redirectURI: authorization.redirectURI, codeChallenge: authorization.codeChallenge, createdAt: now,
                expiresAt: now.addingTimeInterval(Self.codeLifetime)))
        return code
    }

    /// An error sent back to the client (RFC 6749 §4.1.2.1) with `iss` (RFC 9207).
    private func errorRedirect(_ error: OAuthError, redirectURI: String, state: String?) -> Response {
        .redirect(
            to: RedirectURL.adding(
                [("error", error.code), ("error_description", error.description), ("state", state), ("iss", issuer)], to: redirectURI),
            type: .found)
    }

    static var expired: OAuthError { OAuthError.invalidClientForRedirect("the login request has expired or is unknown; start again from the app") }

    // MARK: - Login page

    func loginPage(_ request: Request) async throws -> Response {
        guard let id = request.uri.queryParameters["request"].map(String.init),
            let pending = try await store.pendingAuthorization(id: id, now: now())
        else {
            return pages.error(Self.expired, language: PageLanguage.choose(uiLocales: [], acceptLanguage: request.headers[.acceptLanguage]))
        }
        let language = language(for: request, pending: pending)
        let text = PageText(language)
        let methods = loginMethods.map { ["href": "\($0.startPath)?request=\(id)", "label": $0.label(language)] }
        return pages.render(
            "login", title: text.loginTitle, language: language,
            values: ["lead": text.loginLead, "methods": methods, "hasMethods": !methods.isEmpty, "noMethods": text.noLoginMethods],
            switchLanguageHref: "/login?request=\(id)&lang=\(language == .sv ? "en" : "sv")")
    }

    // MARK: - Consent

    func consentPage(_ request: Request) async throws -> Response {
        guard let id = request.uri.queryParameters["request"].map(String.init),
            let pending = try await store.pendingAuthorization(id: id, now: now()),
            let client = try await store.client(id: pending.request.clientID)
        else {
            return pages.error(Self.expired, language: PageLanguage.choose(uiLocales: [], acceptLanguage: request.headers[.acceptLanguage]))
        }
        guard let current = try await sessions.current(request, now: now()) else {
            return .redirect(to: "/login?request=\(id)", type: .found)
        }
        let language = language(for: request, pending: pending)
        let text = PageText(language)
        return pages.render(
            "consent", title: text.consentTitle, language: language,
            values: [
                "lead": text.consentLead(client.name), "scopes": pending.request.scopes.compactMap(text.describe(scope:)),
                "requestID": id, "csrf": LoginSessions.csrfToken(sessionDigest: current.secretDigest, purpose: "consent:\(id)"),
                "approve": text.approve, "deny": text.deny,
            ],
            switchLanguageHref: "/consent?request=\(id)&lang=\(language == .sv ? "en" : "sv")")
    }

    func consentDecision(_ request: Request) async throws -> Response {
        let form = try await FormParameters.body(request)
        let language = PageLanguage.choose(uiLocales: [], acceptLanguage: request.headers[.acceptLanguage])
        guard let id = form["request"], let pending = try await store.pendingAuthorization(id: id, now: now()) else {
            return pages.error(Self.expired, language: language)
        }
        guard let current = try await sessions.current(request, now: now()),
            LoginSessions.checkCSRF(form["csrf"], sessionDigest: current.secretDigest, purpose: "consent:\(id)")
        else {
            return pages.error(.invalidClientForRedirect("the form has expired; start again from the app"), language: language)
        }
        guard form["decision"] == "approve" else {
            try await store.deletePendingAuthorization(id: id)
            return errorRedirect(.accessDenied("the user did not approve the request"), redirectURI: pending.request.redirectURI, state: pending.request.state)
        }
        try await store.saveConsent(accountID: current.session.accountID, clientID: pending.request.clientID, scopes: pending.request.scopes, at: now())
        try await store.markConsentGiven(pendingID: id)
        try await store.record(AuditEvent(
            at: now(), actor: "account:\(current.session.accountID)", action: "consent.granted", target: pending.request.clientID,
            details: ["scope": pending.request.scopes.joined(separator: " ")]))
        return .redirect(to: "/authorize/resume?request=\(id)", type: .normal)
    }

    private func language(for request: Request, pending: PendingAuthorization) -> PageLanguage {
        if let chosen = request.uri.queryParameters["lang"].flatMap({ PageLanguage(rawValue: String($0)) }) { return chosen }
        return PageLanguage.choose(uiLocales: pending.request.uiLocales, acceptLanguage: request.headers[.acceptLanguage])
    }
}

extension Optional {
    func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
