import Foundation

/// Adds parameters to a URL's query, as redirects to clients need (RFC 6749 §4.1.2).
enum RedirectURL {
    static func adding(_ parameters: [(String, String?)], to base: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let query = parameters.compactMap { name, value in
            value.map { "\(name)=\($0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
        }.joined(separator: "&")
        guard !query.isEmpty else { return base }
        return base + (base.contains("?") ? "&" : "?") + query
    }
}
