/// Something that signs JWS signing input with one key. Flows never know how: swift-crypto signs ES256 and EdDSA,
/// OpenSSL's libcrypto signs RS256, and a flow sees only this protocol.
public protocol TokenSigner: Sendable {
    var kid: String { get }
    var algorithm: SigningAlgorithm { get }
    /// The protected headers this key signs under, encoded once when the signer is made.
    var headers: JWSHeaders { get }
    /// The JWS signature (RFC 7518 §3) over `signingInput`, in the form JWS carries it.
    func signature(for signingInput: [UInt8]) throws -> [UInt8]
}

extension TokenSigner {
    /// Encoded at each use: for stand-ins. Portvakt's own signers keep theirs.
    public var headers: JWSHeaders { JWSHeaders(algorithm: algorithm, kid: kid) }
}
