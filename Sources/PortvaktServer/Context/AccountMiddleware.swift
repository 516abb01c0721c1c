import Foundation
import Hummingbird
import PortvaktCore
import PortvaktStore

/// The boundary of the account pages: the request's live session and its account, once. A logged-out GET goes
/// to the login page; a POST without a session, or without the account pages' CSRF token, gets the "form has
/// expired" page and changes nothing. The language is the explicit choice (`lang`), else the account's locale,
/// else `Accept-Language`.
struct AccountMiddleware<Store: AccountStore>: RouterMiddleware {
    typealias Context = PortvaktRequestContext

    let store: Store
    let sessions: LoginSessions
    let binding: BrowserBinding
    let now: @Sendable () -> Date

    /// The CSRF purpose of every account form.
    static var csrfPurpose: String { "account" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let posted = request.method == .post
        if posted {
            context.form = (try? await FormParameters.body(request)) ?? [:]
        }
        let lang = (posted ? context.form["lang"] : request.uri.queryParameters["lang"].map(String.init)).flatMap(PageLanguage.init(rawValue:))
        guard let (session, digest) = try await sessions.current(request, now: now()),
            let account = try await store.account(id: session.accountID)
        else {
            if posted { throw PageError.expired(lang) }
            return .redirect(to: PendingRoutes.login, type: .found)
        }
        if posted, !sessions.checkCSRF(context.form["csrf"], sessionDigest: digest, purpose: Self.csrfPurpose) {
            throw PageError.expired(lang)
        }
        let (browser, newCookie) = binding.current(request)
        let language = lang
            ?? PageLanguage.choose(uiLocales: account.locale.map { [$0] } ?? [], acceptLanguage: request.headers[.acceptLanguage])
        let flow = FlowRequest(language: language, browser: browser, newCookie: newCookie, source: context.remoteAddress ?? "unknown")
        context.visitor = Visitor(
            flow: flow, account: account, session: session, sessionDigest: digest,
            csrf: sessions.csrfToken(sessionDigest: digest, purpose: Self.csrfPurpose))
        return try await next(request, context)
    }
}
