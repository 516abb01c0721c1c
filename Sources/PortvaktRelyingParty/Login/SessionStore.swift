/// Where the portal keeps its sessions. Every method is atomic on its own; `InMemorySessionStore` is the default,
/// and an app with several nodes puts its shared store behind this protocol.
public protocol SessionStore: Sendable {
    func save(_ session: PortalSession) async throws
    func session(id: String) async throws -> PortalSession?
    func remove(id: String) async throws
    /// Removes every session of Portvakt's login session `providerSessionID` and of the user `subject` (a nil one
    /// matches any; both nil match none), for a back-channel logout; returns how many ended.
    func removeAll(providerSessionID: String?, subject: String?) async throws -> Int
}
