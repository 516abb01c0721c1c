import JWTKit
import PortvaktCore

/// Where the public keys of `private_key_jwt` clients come from.
public protocol ClientKeySource: Sendable {
    /// The client's keys, as jwt-kit verifies with them. `refresh` skips any cache (after an unknown kid).
    func keys(for client: ClientRegistration, refresh: Bool) async throws -> JWTKeyCollection
}
