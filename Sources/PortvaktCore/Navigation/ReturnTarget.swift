import Foundation

/// Where a browser goes back to after login or sign-up, or after switching the language: a path of this server,
/// never another origin. Only a same-origin relative path is taken: it starts with one `/`, has no `//` or `/\`
/// prefix (which browsers read as another host), no backslash, no control character or space, no scheme, and
/// none of these after percent-decoding either (so `/%2F%2Fevil.example` is refused too). Login and sign-up
/// pages are not targets, so a return never loops.
public struct ReturnTarget: Sendable, Equatable {
    /// The path with its query, as given.
    public let path: String

    /// The longest target taken.
    public static var maximumLength: Int { 512 }

    /// The paths that are never targets: the flows that lead back.
    static let flowPrefixes = ["/login", "/signup", "/password/reset", "/authorize", "/consent", "/logout", "/language"]

    /// `raw` as a target, or nil when it is not a same-origin relative path. `flowPages` also takes the login and
    /// sign-up pages (the language switch goes back to them).
    public init?(_ raw: String?, flowPages: Bool = false) {
        guard let raw, !raw.isEmpty, raw.utf8.count <= Self.maximumLength, Self.isSafe(raw) else { return nil }
        // Decoded once more (double encoding), the path must still be safe.
        guard let decoded = raw.removingPercentEncoding, Self.isSafe(decoded),
            let twice = decoded.removingPercentEncoding, Self.isSafe(twice)
        else { return nil }
        let pathOnly = String(decoded.prefix { $0 != "?" && $0 != "#" }).lowercased()
        // Dot segments, which browsers resolve (`/./logout`, `/x/../authorize`), are not targets either.
        guard !pathOnly.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0 == "." || $0 == ".." }) else {
            return nil
        }
        guard flowPages || !Self.flowPrefixes.contains(where: { pathOnly == $0 || pathOnly.hasPrefix($0 + "/") }) else { return nil }
        path = raw
    }

    private static func isSafe(_ text: String) -> Bool {
        guard text.hasPrefix("/"), !text.hasPrefix("//"), !text.hasPrefix("/\\") else { return false }
        for scalar in text.unicodeScalars {
            if scalar == "\\" || scalar.value < 0x21 || scalar.value == 0x7F { return false }
            if scalar.properties.generalCategory == .format || scalar.properties.isWhitespace { return false }
        }
        // A scheme or authority in the first segment (`/x:` is fine; `javascript:` cannot start with a slash).
        return !text.contains("://")
    }
}
