import Foundation
import Hummingbird
import PortvaktCore
import PortvaktStore

/// RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0). `id_token_hint` must be an ID token this server
/// signed (jwt-kit verifies it; `alg: none`, a foreign signature or a modified token is refused with an error page,
/// never a redirect). `post_logout_redirect_uri` must be registered for the client, exactly. Without a valid hint
/// for the logged-in user, the user confirms on a page first.
struct LogoutController<Store: AuditLog> {
    let store: Store
    /// The registered clients, from this node's memory.
    let clients: ClientDirectory
    let sessions: LoginSessions
    let pages: PageRenderer
    let languages: LanguageChoice
    let keyRing: KeyRing
    let issuer: String
    let now: @Sendable () -> Date

    func addRoutes(to router: Router<PortvaktRequestContext>) {
        router.get(RouterPath(Endpoints.endSession)) { request, context in
            try await logout(request, parameters: try FormParameters.query(request), confirmed: false, context: context)
        }
        // The logged-out page: where a logout without a registered way back ends (post/redirect/get), with a way
        // back to the service's login.
        router.get(RouterPath(AccountRoutes.loggedOut)) { request, _ in
            let language = PageLanguage.choose(
                explicit: request.uri.queryParameters["lang"].map(String.init), chosen: languages.chosen(request), uiLocales: [], accountLocale: nil,
                acceptLanguage: request.headers[.acceptLanguage])
            let text = PageText(language)
            return pages.render(
                "message", title: text.logoutTitle, language: language,
                values: ["message": text.loggedOut, "link": ["href": PendingRoutes.login + "?lang=\(language.rawValue)", "text": text.logInAfterLogout]],
                switchLanguageHref: LanguageChoice.switchLink(from: language, back: AccountRoutes.loggedOut))
        }
        router.post(RouterPath(Endpoints.endSession)) { request, context in
            let form = try await FormParameters.body(request)
            return try await logout(request, parameters: form, confirmed: form["confirm"] == "yes", context: context)
        }
    }

    func logout(_ request: Request, parameters: [String: String], confirmed: Bool, context: PortvaktRequestContext) async throws -> Response {
        let language = PageLanguage.choose(
            explicit: nil, chosen: languages.chosen(request), uiLocales: AuthorizationChecks.words(parameters["ui_locales"]), accountLocale: nil,
            acceptLanguage: request.headers[.acceptLanguage])
        // The footer switch comes back to this page (a GET), or after the logout to the login page.
        let switchHref = LanguageChoice.switchLink(from: language, back: request.method == .get ? request.uri.string : PendingRoutes.login)
        let text = PageText(language)
        func refuse(_ message: String) -> Response { pages.error(.invalidClientForRedirect(message), language: language) }

        var hint: IDTokenHintPayload?
        if let token = parameters["id_token_hint"] {
            guard let verified = await keyRing.verifyIDTokenHint(token, issuer: issuer) else {
                return refuse("id_token_hint is not an ID token issued by this server")
            }
            hint = verified
        }
        // Which client is asking: from client_id, or the hint's audience; both must agree.
        let clientID = parameters["client_id"] ?? hint?.aud.value.first
        if let given = parameters["client_id"], let hint, !hint.aud.value.contains(given) {
            return refuse("client_id does not match id_token_hint")
        }
        var redirect: String?
        if let uri = parameters["post_logout_redirect_uri"] {
            guard let clientID, let client = try await clients.lookup(id: clientID) else {
                return refuse("post_logout_redirect_uri needs id_token_hint or client_id")
            }
            guard client.postLogoutRedirectURIs.contains(uri) else {
                return refuse("post_logout_redirect_uri is not registered for this client")
            }
            redirect = RedirectURL.adding([("state", parameters["state"])], to: uri)
        }
        let current = try await sessions.current(request, now: now())
        // A hint skips the confirmation only when it is an ID token of this very session (same sid).
        let hintMatchesSession = hint != nil && current.map { hint?.sid == $0.session.sid && hint?.sub.value == $0.session.accountID } ?? true
        if let current, !hintMatchesSession || hint == nil {
            // No proof the request comes from the user's own app: ask, with a form only this session can submit.
            let csrf = sessions.csrfToken(sessionDigest: current.secretDigest, purpose: "logout")
            guard confirmed, sessions.checkCSRF(parameters["csrf"], sessionDigest: current.secretDigest, purpose: "logout") else {
                var values: [String: Any] = ["question": text.logoutQuestion, "confirm": text.logoutConfirm, "csrf": csrf]
                values["postLogoutRedirectURI"] = parameters["post_logout_redirect_uri"]
                values["clientID"] = clientID
                values["state"] = parameters["state"]
                return pages.render("logout", title: text.logoutTitle, language: language, values: values, switchLanguageHref: switchHref)
            }
        }
        var response: Response
        if let redirect {
            response = .redirect(to: redirect, type: .found)
        } else {
            response = .redirect(to: AccountRoutes.loggedOut + "?lang=\(language.rawValue)", type: .normal)
        }
        if let current {
            try await sessions.store.endSession(sid: current.session.sid, at: now())
            try await store.record(AuditEvent(
                at: now(), actor: "account:\(current.session.accountID)", action: "session.ended", target: current.session.sid,
                source: context.remoteAddress, details: ["reason": "logout", "client_id": clientID ?? ""]))
            response.setCookie(sessions.expiredCookie)
        }
        return response
    }
}
