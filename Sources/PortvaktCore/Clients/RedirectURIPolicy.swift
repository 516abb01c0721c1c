import Foundation

/// Redirect URI rules (RFC 9700 §2.1, §4.1.3; RFC 8252 §7.3): absolute, no fragment, https except on loopback.
public enum RedirectURIPolicy {
    public static func check(_ uri: String) -> Result<Void, ConfigurationMessage> {
        guard let components = URLComponents(string: uri), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else { return .failure("must be an absolute URL") }
        guard components.fragment == nil, !uri.contains("#") else { return .failure("must not contain a fragment") }
        guard components.user == nil, components.password == nil else { return .failure("must not contain user information") }
        guard !uri.contains("*") else { return .failure("must not contain wildcards") }
        switch scheme {
        case "https": return .success(())
        case "http" where isLoopback(components): return .success(())
        case "http": return .failure("must use https unless the host is 127.0.0.1, [::1] or localhost")
        default: return .failure("must be an https URL")
        }
    }

    static func isLoopback(_ components: URLComponents) -> Bool {
        guard let host = components.host?.lowercased() else { return false }
        return ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host)
    }
}
