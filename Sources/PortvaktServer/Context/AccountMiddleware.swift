import Foundation
import Hummingbird
import PortvaktCore
import PortvaktStore

/// The boundary of the account pages: the request's live session and its account, once. A logged-out GET goes
/// to the login page with the page's own address as its return target (sealed for this browser), so the user
/// lands there after login or sign-up; a POST without a session, or without the account pages' CSRF token, gets
/// the "form has expired" page and changes nothing. The language follows `PageLanguage.choose`: the page's
/// `lang`, the footer choice's cookie, the account's locale, then `Accept-Language`.
struct AccountMiddleware<Store: AccountStore>: RouterMiddleware {
    typealias Context = PortvaktRequestContext

    let store: Store
    let sessions: LoginSessions
    let binding: BrowserBinding
    let languages: LanguageChoice
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
            return loginFirst(request, language: lang)
        }
        if posted, !sessions.checkCSRF(context.form["csrf"], sessionDigest: digest, purpose: Self.csrfPurpose) {
            throw PageError.expired(lang)
        }
        let (browser, newCookie) = binding.current(request)
        let language = PageLanguage.choose(
            explicit: lang?.rawValue, chosen: languages.chosen(request), uiLocales: [], accountLocale: account.locale,
            acceptLanguage: request.headers[.acceptLanguage])
        let flow = FlowRequest(language: language, browser: browser, newCookie: newCookie, address: context.remoteAddress)
        context.visitor = Visitor(
            flow: flow, account: account, session: session, sessionDigest: digest,
            csrf: sessions.csrfToken(sessionDigest: digest, purpose: Self.csrfPurpose))
        return try await next(request, context)
    }

    /// The login page, with this page as the return target.
    private func loginFirst(_ request: Request, language: PageLanguage?) -> Response {
        let (browser, newCookie) = binding.current(request)
        var login = URLComponents()
        login.path = PendingRoutes.login
        var items: [URLQueryItem] = []
        if let target = ReturnTarget(request.uri.description) {
            items.append(URLQueryItem(name: "return", value: ReturnTicket.seal(target, key: sessions.csrfKey, browser: browser)))
        }
        if let language { items.append(URLQueryItem(name: "lang", value: language.rawValue)) }
        login.queryItems = items.isEmpty ? nil : items
        var response = Response.redirect(to: login.string ?? PendingRoutes.login, type: .found)
        if let newCookie { response.setCookie(newCookie) }
        return response
    }
}
