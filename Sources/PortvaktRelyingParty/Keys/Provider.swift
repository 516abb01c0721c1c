import Foundation

/// The OpenID provider as the relying party sees it: its discovery document and its signing keys, fetched when
/// first needed and kept as long as their `Cache-Control` says.
///
/// A `kid` the cached JWKS does not have makes the provider fetch the JWKS again at once, but at most once every
/// `minimumRefetchInterval`, so that a stream of tokens with made-up `kid`s cannot turn into a stream of fetches.
/// Concurrent lookups share one fetch. A new key that Portvakt pre-publishes is thus known before it signs, and a
/// key rotation never needs a restart.
public actor Provider {
    public nonisolated let issuer: String
    let transport: any HTTPTransport
    let now: @Sendable () -> Date
    /// At most one JWKS fetch for an unknown `kid` in this time.
    public nonisolated let minimumRefetchInterval: TimeInterval
    /// How long discovery and a JWKS without `Cache-Control` are kept.
    static let defaultLifetime: TimeInterval = 300

    private var metadata: (value: ProviderMetadata, expires: Date)?
    private var keys: [String: VerificationKey] = [:]
    private var keysExpire: Date = .distantPast
    private var lastKeyFetch: Date?
    private var keyFetch: Task<Void, any Error>?
    /// How many times the JWKS was fetched: for tests and the log.
    public private(set) var keySetFetches = 0

    /// - Parameter issuer: the issuer exactly as Portvakt's discovery names it (no trailing slash added or removed).
    public init(
        issuer: String, transport: any HTTPTransport = AsyncHTTPTransport(), minimumRefetchInterval: TimeInterval = 5,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.issuer = issuer
        self.transport = transport
        self.minimumRefetchInterval = minimumRefetchInterval
        self.now = now
    }

    /// The discovery document, whose `issuer` must be the configured issuer (OpenID Connect Discovery §4.3).
    public func discovery() async throws -> ProviderMetadata {
        let moment = now()
        if let metadata, metadata.expires > moment { return metadata.value }
        let url = (issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer) + "/.well-known/openid-configuration"
        let response: TransportResponse
        do {
            response = try await get(url)
        } catch {
            // A provider briefly unreachable does not stop what the last document still serves.
            if let metadata { return metadata.value }
            throw error
        }
        let document: ProviderMetadata
        do {
            document = try JSONDecoder().decode(ProviderMetadata.self, from: response.body)
        } catch {
            throw VerificationError(.provider, "discovery at \(url) is not OpenID Provider Metadata: \(error)")
        }
        guard document.issuer == issuer else {
            throw VerificationError(.provider, "discovery names the issuer \(document.issuer), not \(issuer)")
        }
        metadata = (document, moment.addingTimeInterval(CacheControl.lifetime(response.header("cache-control"), otherwise: Self.defaultLifetime)))
        return document
    }

    /// The key for `kid`, fetching the JWKS when the cache has expired, or once (rate-limited) when it lacks `kid`.
    func key(kid: String) async throws -> VerificationKey {
        if keysExpire <= now() { try await refreshKeys() }
        if let key = keys[kid] { return key }
        if let last = lastKeyFetch, now().timeIntervalSince(last) < minimumRefetchInterval {
            throw VerificationError(.unknownKey, "no key \(kid) in the JWKS (fetched \(Int(now().timeIntervalSince(last))) s ago)")
        }
        try await refreshKeys()
        guard let key = keys[kid] else { throw VerificationError(.unknownKey, "no key \(kid) in the provider's JWKS") }
        return key
    }

    /// One JWKS fetch, shared by every caller that needs it meanwhile.
    private func refreshKeys() async throws {
        if let keyFetch { return try await keyFetch.value }
        let task = Task { try await fetchKeys() }
        keyFetch = task
        defer { keyFetch = nil }
        try await task.value
    }

    private func fetchKeys() async throws {
        let jwksURI = try await discovery().jwksURI
        lastKeyFetch = now()
        keySetFetches += 1
        let response: TransportResponse
        do {
            response = try await get(jwksURI)
        } catch where !keys.isEmpty {
            // Keep verifying with the keys we have; try again after the rate limit.
            keysExpire = now().addingTimeInterval(minimumRefetchInterval)
            return
        }
        guard let set = JSONValue.object(from: response.body), let list = set["keys"]?.array else {
            throw VerificationError(.provider, "the JWKS at \(jwksURI) is not a JSON Web Key Set")
        }
        var fresh: [String: VerificationKey] = [:]
        for case .object(let jwk) in list {
            if let key = VerificationKey(jwk: jwk) { fresh[key.kid] = key }
        }
        keys = fresh
        keysExpire = now().addingTimeInterval(CacheControl.lifetime(response.header("cache-control"), otherwise: Self.defaultLifetime))
    }

    private func get(_ url: String) async throws -> TransportResponse {
        let response: TransportResponse
        do {
            response = try await transport.send(TransportRequest(url: url, headers: ["accept": "application/json"]))
        } catch {
            throw VerificationError(.provider, "fetching \(url) failed: \(error)")
        }
        guard response.status == 200 else { throw VerificationError(.provider, "fetching \(url) answered \(response.status)") }
        return response
    }
}
