import AsyncHTTPClient
import Foundation
import JWTKit
import NIOCore
import PortvaktCore
import Synchronization

/// Fetches each client's `jwks_uri` over HTTPS and keeps it for five minutes.
public final class RemoteClientKeys: ClientKeySource {
    private let cache = Mutex<[String: (keys: JWTKeyCollection, fetchedAt: Date)]>([:])
    private let lifetime: TimeInterval = 300
    /// A forced refetch (after a signature that did not verify) happens at most this often per client, so junk
    /// assertions cannot make us hammer a client's server.
    private let minimumRefetchInterval: TimeInterval = 60

    public init() {}

    public func keys(for client: ClientRegistration, refresh: Bool) async throws -> JWTKeyCollection {
        guard let uri = client.jwksURI else { throw OAuthError.invalidClient("the client has no jwks_uri") }
        if let cached = cache.withLock({ $0[client.id] }) {
            let age = Date().timeIntervalSince(cached.fetchedAt)
            if age < (refresh ? minimumRefetchInterval : lifetime) { return cached.keys }
        }
        var request = HTTPClientRequest(url: uri)
        request.headers.add(name: "Accept", value: "application/json")
        let body: ByteBuffer
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
            guard response.status == .ok else { throw OAuthError.invalidClient("the client's jwks_uri answered \(response.status.code)") }
            body = try await response.body.collect(upTo: 256 * 1024)
        } catch let error as OAuthError {
            throw error
        } catch {
            throw OAuthError.invalidClient("the client's jwks_uri cannot be fetched")
        }
        let keys = try await JWTKeyCollection().add(jwksJSON: String(buffer: body))
        cache.withLock { $0[client.id] = (keys, Date()) }
        return keys
    }
}
