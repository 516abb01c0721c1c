import Foundation

/// The client's IP address, for throttling and the audit log. Behind a reverse proxy the socket's peer is the
/// proxy; only then is `X-Forwarded-For` read, from the right, skipping the trusted proxies: the first address
/// that is not one of them is the client (anything further left may be made up by the client).
public enum ClientAddress {
    public static func resolve(peer: String?, forwardedFor: String?, trustedProxies: Set<String>) -> String? {
        guard let peer, trustedProxies.contains(peer), let forwardedFor else { return peer }
        let hops = forwardedFor.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() {
            guard isIPAddress(hop) else { return peer }
            if !trustedProxies.contains(hop) { return hop }
        }
        return peer
    }

    /// Whether `text` is an IPv4 or IPv6 address literal.
    public static func isIPAddress(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}
