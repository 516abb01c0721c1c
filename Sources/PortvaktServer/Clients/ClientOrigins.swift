import Foundation
import PortvaktStore
import Synchronization

/// The origins (scheme://host:port) of every registered redirect URI, reloaded from the store at most every
/// ten seconds, so that a client registered with the CLI is allowed without a restart.
final class ClientOrigins: Sendable {
    private let store: any ClientStore
    private let cache = Mutex<(origins: Set<String>, loadedAt: Date?)>(([], nil))

    init(store: any ClientStore) {
        self.store = store
    }

    func allows(_ origin: String) async -> Bool {
        let (origins, loadedAt) = cache.withLock { ($0.origins, $0.loadedAt) }
        if let loadedAt, Date().timeIntervalSince(loadedAt) < 10 { return origins.contains(origin) }
        guard let clients = try? await store.clients() else { return origins.contains(origin) }
        let fresh = Set(clients.flatMap(\.redirectURIs).compactMap(Self.origin))
        cache.withLock { $0 = (fresh, Date()) }
        return fresh.contains(origin)
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
