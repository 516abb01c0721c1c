import PortvaktCore

/// Registered relying parties.
///
/// Every change (a registration, a new secret, a removal) also increases one version counter, in the same
/// transaction, so that nodes holding every client in memory see that something changed with one small read
/// (`clientsVersion`) and reload (`clientList`). The counter is the store's to keep: no caller can forget it.
public protocol ClientStore: Sendable {
    /// Registers a client and increases the version. Throws `StoreError.conflict` when the id is taken (and then
    /// changes nothing).
    func createClient(_ client: ClientRegistration) async throws
    func client(id: String) async throws -> ClientRegistration?
    /// Every client, by id.
    func clients() async throws -> [ClientRegistration]
    /// Replaces the secret's digest and increases the version. Returns false when there is no such client (and
    /// then changes nothing).
    func updateClientSecret(id: String, digest: [UInt8]) async throws -> Bool
    /// Removes the client and increases the version. Returns false when there is no such client (and then changes
    /// nothing).
    func removeClient(id: String) async throws -> Bool
    /// The registrations' version: it grows with every change above, and never goes back.
    func clientsVersion() async throws -> Int64
    /// Every client with the version read just before them: a change made meanwhile may already be in the list,
    /// but then the next `clientsVersion` is newer, so a reader that compares versions never misses one.
    func clientList() async throws -> ClientList
}
