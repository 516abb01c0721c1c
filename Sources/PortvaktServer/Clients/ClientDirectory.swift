import Foundation
import PortvaktCore
import PortvaktStore
import Synchronization

/// Every registered client, held in memory on each node, so that a token request reads no registration from the
/// store. Reads are a lock and a dictionary look-up.
///
/// Freshness: every change to the clients increases the store's version counter in the same transaction
/// (`ClientStore`). `ClientRefreshService` compares it every `keys.refresh_interval` seconds and reloads every
/// client when it changed, so a removed client or a rotated secret stops working on every node within one
/// interval. A client the node does not know (`lookup`), or credentials that do not match (`ClientAuthenticator`),
/// make the node compare the version at once, so a client registered with the CLI, or a new secret, works on
/// every node from its first request.
public final class ClientDirectory: Sendable {
    struct Snapshot: Sendable {
        var version: Int64?
        var clients: [String: ClientRegistration]
        /// The origins of every redirect URI (CORS).
        var origins: Set<String>
        var loadedAt: Date?
    }

    private let store: any ClientStore
    private let state = Mutex(Snapshot(version: nil, clients: [:], origins: [], loadedAt: nil))

    public init(store: any ClientStore) {
        self.store = store
    }

    /// The cached registration of `id`; never reads the store.
    public func client(id: String) -> ClientRegistration? {
        state.withLock { $0.clients[id] }
    }

    /// The registration of `id`: the cached one, or, for a client this node does not know, the one loaded after
    /// the version changed (nil when it did not, or the client is unknown after all).
    public func lookup(id: String) async throws -> ClientRegistration? {
        if let client = client(id: id) { return client }
        guard try await refresh() else { return nil }
        return client(id: id)
    }

    /// Whether `origin` is the origin of a registered redirect URI.
    func allows(origin: String) -> Bool {
        state.withLock { $0.origins.contains(origin) }
    }

    /// The version of the loaded clients, or nil before the first load.
    public var version: Int64? { state.withLock { $0.version } }

    /// When the clients were last compared with the store, or nil before the first load.
    public var checkedAt: Date? { state.withLock { $0.loadedAt } }

    /// Compares the store's version with the loaded one and reloads every client when it differs.
    /// - Returns: whether the clients were reloaded.
    @discardableResult
    public func refresh(now: Date = Date()) async throws -> Bool {
        let stored = try await store.clientsVersion()
        let loaded = state.withLock { snapshot in
            if snapshot.version == stored { snapshot.loadedAt = now }
            return snapshot.version
        }
        guard loaded != stored else { return false }
        try await reload(now: now)
        return true
    }

    /// Loads every client from the store. A load never replaces a newer one that finished first.
    public func reload(now: Date = Date()) async throws {
        let list = try await store.clientList()
        let snapshot = Snapshot(
            version: list.version, clients: Dictionary(list.clients.map { ($0.id, $0) }, uniquingKeysWith: { $1 }),
            origins: Set(list.clients.flatMap(\.redirectURIs).compactMap(ClientOrigins.origin)), loadedAt: now)
        state.withLock { current in
            if let version = current.version, version > list.version { return }
            current = snapshot
        }
    }
}
