import PortvaktCore

/// Every registered client, with the registrations' version they were read at (see `ClientStore.clientList`).
public struct ClientList: Sendable, Equatable {
    /// The version counter read before the clients: the clients are at least as new as it.
    public var version: Int64
    /// Every client, by id.
    public var clients: [ClientRegistration]

    public init(version: Int64, clients: [ClientRegistration]) {
        self.version = version
        self.clients = clients
    }
}
