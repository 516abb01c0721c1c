import Foundation
import Hummingbird
import PortvaktCore

/// The visitor's explicit choice of language, made with the footer link and kept in a cookie for a year: it
/// outranks the relying party's `ui_locales`, the account's locale and `Accept-Language` on every page and mail.
struct LanguageChoice: Sendable {
    let secure: Bool

    var cookieName: String { secure ? "__Host-portvakt-lang" : "portvakt-lang" }

    /// The language the browser chose, if any.
    func chosen(_ request: Request) -> String? {
        guard let value = request.cookies[cookieName]?.value else { return nil }
        return PageLanguage(rawValue: value)?.rawValue
    }

    func cookie(_ language: PageLanguage) -> Cookie {
        Cookie(name: cookieName, value: language.rawValue, maxAge: 365 * 86_400, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// The footer link: switches to `language` and comes back to `back` (a path of this server).
    static func switchLink(to language: PageLanguage, back: String) -> String {
        var components = URLComponents()
        components.path = LanguageRoutes.choose
        components.queryItems = [URLQueryItem(name: "lang", value: language.rawValue), URLQueryItem(name: "back", value: back)]
        return components.percentEncodedPath + "?" + (components.percentEncodedQuery ?? "")
    }

    /// `path` with its `lang` parameter removed, so that the choice (not the old parameter) decides the language there.
    /// The footer's link on a page in `language`: to the other language, coming back to `back` without its `lang`.
    static func switchLink(from language: PageLanguage, back: String) -> String {
        switchLink(to: language == .sv ? .en : .sv, back: withoutLanguage(back))
    }

    static func withoutLanguage(_ path: String) -> String {
        guard var components = URLComponents(string: path) else { return path }
        components.queryItems = components.queryItems?.filter { $0.name != "lang" }
        if components.queryItems?.isEmpty == true { components.queryItems = nil }
        return components.string ?? path
    }
}
