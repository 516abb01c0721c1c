import PortvaktCore

/// A signing key as stored: its lifecycle, its public JWK, and its private part sealed under the KEK
/// (nil once removed).
public struct StoredSigningKey: Sendable, Equatable {
    public var info: SigningKeyInfo
    public var publicJWK: JWK
    public var sealedPrivateKey: [UInt8]?

    public init(info: SigningKeyInfo, publicJWK: JWK, sealedPrivateKey: [UInt8]?) {
        self.info = info
        self.publicJWK = publicJWK
        self.sealedPrivateKey = sealedPrivateKey
    }
}
