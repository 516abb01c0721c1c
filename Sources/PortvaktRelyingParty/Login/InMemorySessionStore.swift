import Foundation

/// Sessions in this process's memory: lost at restart, not shared between nodes. Bounded: beyond `capacity` the
/// oldest session goes, and sessions older than `lifetime` are dropped as they are met.
public actor InMemorySessionStore: SessionStore {
    private var sessions: [String: PortalSession] = [:]
    public nonisolated let capacity: Int
    public nonisolated let lifetime: TimeInterval
    let now: @Sendable () -> Date

    public init(capacity: Int = 100_000, lifetime: TimeInterval = 12 * 3600, now: @escaping @Sendable () -> Date = Date.init) {
        self.capacity = capacity
        self.lifetime = lifetime
        self.now = now
    }

    public func save(_ session: PortalSession) {
        if sessions[session.id] == nil, sessions.count >= capacity, let oldest = sessions.values.min(by: { $0.createdAt < $1.createdAt }) {
            sessions[oldest.id] = nil
        }
        sessions[session.id] = session
    }

    public func session(id: String) -> PortalSession? {
        guard let session = sessions[id] else { return nil }
        guard now().timeIntervalSince(session.createdAt) < lifetime else {
            sessions[id] = nil
            return nil
        }
        return session
    }

    public func remove(id: String) {
        sessions[id] = nil
    }

    public func removeAll(providerSessionID: String?, subject: String?) -> Int {
        let ending = sessions.values.filter { session in
            guard providerSessionID != nil || subject != nil else { return false }
            return (providerSessionID == nil || session.providerSessionID == providerSessionID) && (subject == nil || session.subject == subject)
        }
        for session in ending { sessions[session.id] = nil }
        return ending.count
    }

    public var count: Int { sessions.count }
}
