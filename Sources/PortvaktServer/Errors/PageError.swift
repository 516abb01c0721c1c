import Foundation
import HTTPTypes
import Hummingbird
import PortvaktCore

/// An error a browser sees as an HTML page in its language, always with a way on (a link to start again or to
/// the account page). Thrown by the page handlers and the browser groups' middleware; the router turns it into
/// its page once: `ErrorResponseMiddleware` renders it with the renderer made from the configuration's `ui`.
public struct PageError: Error, HTTPResponseError {
    private enum Kind: Sendable {
        /// A form that has expired, was posted from another browser, or lost its pending request.
        case expired
        case notFound
        case forbidden
        /// A limit refused the request (`Limits`): try again later.
        case tooManyRequests
        /// The store cannot be reached: the same request may work in a moment (`Retry-After`).
        case unavailable
        /// An OAuth error that must not be redirected (no trustworthy client or redirect URI).
        case oauth(OAuthError)
        /// A route of a browser group was reached without its middleware: a programming error.
        case misrouted(String)
    }

    private let kind: Kind
    /// The page's language; the browser's `Accept-Language` when nil.
    let language: PageLanguage?

    /// Where "Börja om" goes: the login page of the flow's pending request (so the relying party's login starts
    /// again), else the plain login page.
    let restart: String?

    private init(_ kind: Kind, language: PageLanguage?, restart: String? = nil) {
        self.kind = kind
        self.language = language
        self.restart = restart
    }

    public static func expired(_ language: PageLanguage? = nil) -> PageError { PageError(.expired, language: language) }
    /// An expired or foreign form of a flow: "Börja om" goes back to the login of the flow's pending request.
    static func expired(_ flow: FlowRequest) -> PageError {
        PageError(.expired, language: flow.language, restart: flow.link(PendingRoutes.login))
    }
    public static func notFound(_ language: PageLanguage? = nil) -> PageError { PageError(.notFound, language: language) }
    public static func forbidden(_ language: PageLanguage? = nil) -> PageError { PageError(.forbidden, language: language) }
    public static func tooManyRequests(_ language: PageLanguage? = nil) -> PageError { PageError(.tooManyRequests, language: language) }
    public static func unavailable(_ language: PageLanguage? = nil) -> PageError { PageError(.unavailable, language: language) }
    public static func oauth(_ error: OAuthError, language: PageLanguage? = nil) -> PageError { PageError(.oauth(error), language: language) }
    static func misrouted(_ group: String) -> PageError { PageError(.misrouted(group), language: nil) }

    public var status: HTTPResponse.Status {
        switch kind {
        case .expired: .badRequest
        case .notFound: .notFound
        case .forbidden: .forbidden
        case .tooManyRequests: .tooManyRequests
        case .unavailable: .serviceUnavailable
        // An authorization request that cannot be answered by redirect is the browser's bad request, whatever the code.
        case .oauth: .badRequest
        case .misrouted: .internalServerError
        }
    }

    /// Only for an error that escapes `ErrorResponseMiddleware`: the page with the neutral `ui` defaults.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response(from: request, pages: .neutral)
    }

    /// The page for `request`, in its language, rendered by `pages` (with the configured `ui`).
    func response(from request: Request, pages: PageRenderer) -> Response {
        let language = language ?? PageLanguage.choose(uiLocales: [], acceptLanguage: request.headers[.acceptLanguage])
        // The footer switch comes back to the same address; after a POST, to the login page.
        let back = request.method == .get ? LanguageChoice.withoutLanguage(request.uri.string) : PendingRoutes.login
        return response(language: language, pages: pages, switchBack: back)
    }

    /// The page in `language`, rendered by `pages`, its footer switch coming back to `switchBack`.
    func response(language: PageLanguage, pages: PageRenderer, switchBack: String? = nil) -> Response {
        let text = PageText(language)
        let lang = "?lang=\(language.rawValue)"
        let (template, values): (String, [String: Any])
        switch kind {
        case .expired:
            (template, values) = ("message", ["message": text.formExpired, "link": ["href": restart ?? PendingRoutes.login + lang, "text": text.startAgainLink]])
        case .notFound:
            (template, values) = ("message", ["message": text.pageNotFound, "link": ["href": AccountRoutes.account + lang, "text": text.toAccountLink(pages.ui.serviceName)]])
        case .forbidden:
            (template, values) = ("message", ["message": text.pageForbidden, "link": ["href": AccountRoutes.account + lang, "text": text.toAccountLink(pages.ui.serviceName)]])
        case .tooManyRequests:
            (template, values) = ("message", ["message": text.tooManyRequests, "link": ["href": PendingRoutes.login + lang, "text": text.startAgainLink]])
        case .oauth(let error):
            (template, values) = ("error", ["lead": text.errorLead, "message": error.description,
                                            "link": ["href": PendingRoutes.login + lang, "text": text.startAgainLink]])
        case .unavailable:
            // A GET is tried again as it was; a form's POST from its login page.
            (template, values) = ("message", ["message": text.temporarilyUnavailable,
                                              "link": ["href": switchBack ?? PendingRoutes.login + lang, "text": text.tryAgainLink]])
        case .misrouted:
            (template, values) = ("message", ["message": text.errorLead, "link": ["href": PendingRoutes.login + lang, "text": text.startAgainLink]])
        }
        var response = pages.render(
            template, title: text.errorTitle, language: language, values: values, status: status,
            switchLanguageHref: switchBack.map { LanguageChoice.switchLink(from: language, back: $0) })
        if case .unavailable = kind { response.headers[.retryAfter] = StoreUnavailable.retryAfter }
        return response
    }
}
