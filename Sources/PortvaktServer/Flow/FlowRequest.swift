import Foundation
import Hummingbird
import PortvaktCore
import PortvaktStore

/// One request of a login, sign-up or reset flow: the page's language, the pending authorization request it
/// serves (none when no app waits, as on the account page), and the browser it comes from. Built once per
/// request by `FlowMiddleware`.
public struct FlowRequest: Sendable {
    public var language: PageLanguage
    /// The pending authorization request, loaded once, alive and started in this browser.
    public var pending: PendingAuthorization?
    /// The digest of the browser cookie: forms and tickets are bound to it.
    var browser: [UInt8]
    /// Set when this GET gave the browser its cookie.
    var newCookie: Cookie?
    /// The client's address (`ClientAddressMiddleware`, honouring trusted proxies), when the request has one.
    var address: String?
    /// The client's address, for throttling and the audit log.
    var source: String { address ?? "unknown" }
    /// Where the browser goes after login or sign-up when no app waits (a page that needed a login), with its
    /// sealed form that links and forms carry on (`ReturnTicket`).
    var returnTo: (target: ReturnTarget, ticket: String)?

    init(
        language: PageLanguage, pending: PendingAuthorization? = nil, browser: [UInt8], newCookie: Cookie?, address: String?,
        returnTo: (target: ReturnTarget, ticket: String)? = nil
    ) {
        self.language = language
        self.pending = pending
        self.returnTo = returnTo
        self.browser = browser
        self.newCookie = newCookie
        self.address = address
    }

    /// The pending request's id.
    public var pendingID: String? { pending?.id }

    var text: PageText { PageText(language) }

    /// The hidden fields every form of the flow carries.
    var hidden: [(name: String, value: String)] {
        [("request", pendingID ?? ""), ("lang", language.rawValue)] + (returnTo.map { [("return", $0.ticket)] } ?? [])
    }

    /// A link to another page of the flow, keeping the pending request, the return target and the language.
    func link(_ path: String, language: PageLanguage? = nil) -> String {
        var items = [URLQueryItem(name: "lang", value: (language ?? self.language).rawValue)]
        if let pendingID { items.insert(URLQueryItem(name: "request", value: pendingID), at: 0) }
        if let returnTo { items.append(URLQueryItem(name: "return", value: returnTo.ticket)) }
        var components = URLComponents()
        components.path = path
        components.queryItems = items
        return components.string ?? path
    }

    /// The footer link: the same page in the other language, chosen for good (`LanguageChoice`).
    func switchLink(_ path: String) -> String {
        LanguageChoice.switchLink(from: language, back: link(path))
    }
}
