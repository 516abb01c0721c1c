import Foundation
import Hummingbird
import PortvaktCore
import PortvaktStore

/// The boundary of the flow pages: who is asking, once. A GET gets the browser cookie if it has none; a POST
/// must have it, and its form is read here. A pending request named by `?request=` (or the form's `request`)
/// must be alive and started in this browser, and is loaded here once; a return target (`return`) must be sealed
/// for this browser. The language follows `PageLanguage.choose`: the page's `lang`, the footer choice's cookie,
/// the pending request's `ui_locales`, then `Accept-Language`. Anything else is the "form has expired" page.
struct FlowMiddleware<Store: AuthorizationStore>: RouterMiddleware {
    typealias Context = PortvaktRequestContext

    let store: Store
    let binding: BrowserBinding
    let languages: LanguageChoice
    /// The key of return tickets (the forms' key).
    let key: [UInt8]
    let now: @Sendable () -> Date

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let browser: [UInt8]
        var newCookie: Cookie?
        let pendingID: String?
        let lang: String?
        let returnTicket: String?
        if request.method == .post {
            // An unreadable body reads as an empty form, which then fails its CSRF or ticket check.
            context.form = (try? await FormParameters.body(request)) ?? [:]
            guard let existing = binding.existing(request) else {
                throw PageError.expired(context.form["lang"].flatMap(PageLanguage.init(rawValue:)))
            }
            browser = existing
            pendingID = context.form["request"]
            lang = context.form["lang"]
            returnTicket = context.form["return"]
        } else {
            (browser, newCookie) = binding.current(request)
            let query = request.uri.queryParameters
            pendingID = query["request"].map(String.init)
            lang = query["lang"].map(String.init)
            returnTicket = query["return"].map(String.init)
        }
        let chosen = lang.flatMap(PageLanguage.init(rawValue:))
        // A return target that is not this browser's is ignored, not an error: the login still works.
        let returnTo = ReturnTicket.open(returnTicket, key: key, browser: browser).map { (target: $0, ticket: returnTicket ?? "") }
        var pending: PendingAuthorization?
        if let pendingID, !pendingID.isEmpty {
            guard pendingID.count <= 128, let found = try await store.pendingAuthorization(id: pendingID, now: now()),
                binding.matches(request, binding: found.browserBinding)
            else { throw PageError.expired(chosen) }
            pending = found
        }
        let language = PageLanguage.choose(
            explicit: chosen?.rawValue, chosen: languages.chosen(request), uiLocales: pending?.request.uiLocales ?? [], accountLocale: nil,
            acceptLanguage: request.headers[.acceptLanguage])
        context.flow = FlowRequest(
            language: language, pending: pending, browser: browser, newCookie: newCookie, address: context.remoteAddress,
            returnTo: returnTo)
        return try await next(request, context)
    }
}
