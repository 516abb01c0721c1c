import PortvaktCore

/// Registered relying parties.
public protocol ClientStore: Sendable {
    /// Registers a client. Throws `StoreError.conflict` when the id is taken.
    func createClient(_ client: ClientRegistration) async throws
    func client(id: String) async throws -> ClientRegistration?
    /// Every client, by id.
    func clients() async throws -> [ClientRegistration]
    /// Replaces the secret's digest. Returns false when there is no such client.
    func updateClientSecret(id: String, digest: [UInt8]) async throws -> Bool
    /// Returns false when there is no such client.
    func removeClient(id: String) async throws -> Bool
}
