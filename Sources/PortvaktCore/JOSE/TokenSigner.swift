/// Something that signs JWS signing input with one key. Flows never know how: the swift-crypto signers
/// implement it today, and a faster signer (an OpenSSL one for RSA) can replace them without touching a flow.
public protocol TokenSigner: Sendable {
    var kid: String { get }
    var algorithm: SigningAlgorithm { get }
    /// The JWS signature (RFC 7518 §3) over `signingInput`, in the form JWS carries it.
    func signature(for signingInput: [UInt8]) throws -> [UInt8]
}
