import Foundation

/// The origins (scheme://host:port) of every registered redirect URI, from the node's `ClientDirectory`, so that a
/// client registered with the CLI is allowed without a restart.
struct ClientOrigins: Sendable {
    let clients: ClientDirectory

    func allows(_ origin: String) -> Bool {
        clients.allows(origin: origin)
    }

    static func origin(_ uri: String) -> String? {
        guard let components = URLComponents(string: uri), let scheme = components.scheme?.lowercased(), let host = components.host?.lowercased()
        else { return nil }
        let name = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        let defaultPort = scheme == "https" ? 443 : 80
        if let port = components.port, port != defaultPort { return "\(scheme)://\(name):\(port)" }
        return "\(scheme)://\(name)"
    }
}
