import Foundation

/// How long a response may be kept, from its `Cache-Control` (RFC 9111 §5.2.2): `max-age`, or nothing for
/// `no-store` and `no-cache`.
enum CacheControl {
    static func lifetime(_ header: String?, otherwise fallback: TimeInterval) -> TimeInterval {
        guard let header else { return fallback }
        var maxAge: TimeInterval?
        for directive in header.lowercased().split(separator: ",") {
            let parts = directive.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1).map(String.init)
            switch parts.first {
            case "no-store", "no-cache": return 0
            case "max-age":
                if parts.count == 2, let seconds = Int(parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))), seconds >= 0 {
                    maxAge = TimeInterval(seconds)
                }
            default: continue
            }
        }
        return maxAge ?? fallback
    }
}
