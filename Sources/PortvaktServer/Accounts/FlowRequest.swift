import Foundation
import Hummingbird
import PortvaktCore

/// One request of an account flow: the page's language, the pending authorization request it serves (none
/// when no app waits, as on the account page), and the browser it comes from.
struct FlowRequest: Sendable {
    var language: PageLanguage
    var pendingID: String?
    /// The digest of the browser cookie: forms and tickets are bound to it.
    var browser: [UInt8]
    /// Set when this GET gave the browser its cookie.
    var newCookie: Cookie?
    /// The client's address, for throttling and the audit log.
    var source: String

    var text: PageText { PageText(language) }

    /// The hidden fields every form of the flow carries.
    var hidden: [(name: String, value: String)] {
        [("request", pendingID ?? ""), ("lang", language.rawValue)]
    }

    /// A link to another page of the flow, keeping the pending request and the language.
    func link(_ path: String, language: PageLanguage? = nil) -> String {
        var items = [URLQueryItem(name: "lang", value: (language ?? self.language).rawValue)]
        if let pendingID { items.insert(URLQueryItem(name: "request", value: pendingID), at: 0) }
        var components = URLComponents()
        components.path = path
        components.queryItems = items
        return components.string ?? path
    }

    /// The same page in the other language.
    func switchLink(_ path: String) -> String {
        link(path, language: language == .sv ? .en : .sv)
    }
}
