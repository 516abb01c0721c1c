import Foundation
import JWTKit
import Logging
import PortvaktCore
import PortvaktCrypto
import PortvaktStore
import Synchronization

/// The keys this node signs and publishes with, reloaded from the store on every refresh. Reads are a lock
/// and a reference copy, so the hot paths (JWKS, token signing) do no I/O and no parsing.
public final class KeyRing: Sendable {
    struct Snapshot: Sendable {
        var jwks: PreparedDocument
        var signers: [SigningAlgorithm: any TokenSigner]
        var kids: [String]
        var loadedAt: Date?
        /// jwt-kit over the published keys: how tokens presented back to us are verified.
        var verifier: JWTKeyCollection
    }

    private let store: any SigningKeyStore
    private let sealer: KeySealer
    private let state: Mutex<Snapshot>

    public init(store: any SigningKeyStore, sealer: KeySealer) {
        self.store = store
        self.sealer = sealer
        self.state = Mutex(Snapshot(jwks: PreparedDocument(Array(#"{"keys":[]}"#.utf8)), signers: [:], kids: [], loadedAt: nil, verifier: JWTKeyCollection()))
    }

    /// The JWK Set document with its ETag, encoded when the published keys change.
    public var jwks: PreparedDocument { state.withLock { $0.jwks } }

    /// The active signer for `algorithm`, if this node has one.
    public func signer(for algorithm: SigningAlgorithm) -> (any TokenSigner)? {
        state.withLock { $0.signers[algorithm] }
    }

    /// The kids in the JWKS, in order.
    public var publishedKids: [String] { state.withLock { $0.kids } }

    /// Verifies a JWT that claims to be ours, with jwt-kit, against the keys this node publishes; first the
    /// rules jwt-kit does not keep (`StrictJWT`: no `crit`, no name given twice).
    public func verify<Payload: JWTPayload>(_ token: String, as payload: Payload.Type) async throws -> Payload {
        try StrictJWT.check(token)
        let verifier = state.withLock { $0.verifier }
        return try await verifier.verify(token, as: payload)
    }

    /// When the keys were last loaded, or nil before the first load.
    public var loadedAt: Date? { state.withLock { $0.loadedAt } }

    /// Whether every algorithm in `algorithms` has an active signer.
    public func canSign(_ algorithms: [SigningAlgorithm]) -> Bool {
        state.withLock { snapshot in algorithms.allSatisfy { snapshot.signers[$0] != nil } }
    }

    /// Loads the keys from the store. Unseals only active keys it does not already hold.
    /// - Throws: `KEKError` when the KEK does not open an active key; the previous keys stay in use.
    public func reload(now: Date) async throws {
        let stored = try await store.signingKeys()
        let published = stored.filter { $0.info.state.isPublished }
        let current = state.withLock { $0 }
        let held = current.signers
        var signers: [SigningAlgorithm: any TokenSigner] = [:]
        for key in stored where key.info.state == .active {
            if let existing = held[key.info.algorithm], existing.kid == key.info.kid {
                signers[key.info.algorithm] = existing
                continue
            }
            guard let sealed = key.sealedPrivateKey else {
                throw StoreError.corrupt("the active key \(key.info.kid) has no private key")
            }
            signers[key.info.algorithm] = try sealer.open(sealed, kid: key.info.kid, algorithm: key.info.algorithm).signer(kid: key.info.kid)
        }
        let encoded = try CanonicalJSON.encode(JWKSet(keys: published.map(\.publicJWK)))
        // The same published keys keep their document (and ETag) and their verifier.
        var jwks = current.jwks
        var verifier = current.verifier
        if current.loadedAt == nil || !jwks.body.readableBytesView.elementsEqual(encoded) {
            jwks = PreparedDocument(encoded)
            verifier = try await JWTKeyCollection().add(jwksJSON: String(decoding: encoded, as: UTF8.self))
        }
        let snapshot = Snapshot(jwks: jwks, signers: signers, kids: published.map(\.info.kid), loadedAt: now, verifier: verifier)
        state.withLock { $0 = snapshot }
    }
}
