import Foundation

/// The languages the pages speak: Swedish by default, English on request.
public enum PageLanguage: String, Sendable, CaseIterable {
    case sv, en

    /// The first supported language of `ui_locales`, else of `Accept-Language`, else Swedish.
    public static func choose(uiLocales: [String], acceptLanguage: String?) -> PageLanguage {
        for tag in uiLocales {
            if let language = match(tag) { return language }
        }
        let ranked = (acceptLanguage ?? "").split(separator: ",").compactMap { item -> (String, Double)? in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first, !tag.isEmpty else { return nil }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (tag, quality)
        }.sorted { $0.1 > $1.1 }
        for (tag, quality) in ranked where quality > 0 {
            if let language = match(tag) { return language }
        }
        return .sv
    }

    /// The language of a page, in this order: the visitor's explicit choice (a `lang` parameter, or the footer
    /// link's choice kept in a cookie), the relying party's `ui_locales`, the account's locale once logged in, and
    /// the browser's `Accept-Language`; Swedish when none names a language the pages speak.
    public static func choose(
        explicit: String?, chosen: String?, uiLocales: [String], accountLocale: String?, acceptLanguage: String?
    ) -> PageLanguage {
        for tag in [explicit, chosen].compactMap({ $0 }) {
            if let language = PageLanguage(rawValue: tag) { return language }
        }
        for tag in uiLocales {
            if let language = match(tag) { return language }
        }
        if let accountLocale, let language = match(accountLocale) { return language }
        return choose(uiLocales: [], acceptLanguage: acceptLanguage)
    }

    private static func match(_ tag: String) -> PageLanguage? {
        PageLanguage(rawValue: String(tag.lowercased().split(separator: "-").first ?? ""))
    }
}
