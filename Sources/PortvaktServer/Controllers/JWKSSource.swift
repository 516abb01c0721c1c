import Foundation

/// Where the JWKS comes from: the key ring in production, anything with the same shape in tests.
public protocol JWKSSource: Sendable {
    /// The JWK Set, encoded once per change of the keys.
    var jwks: PreparedDocument { get }
}

extension KeyRing: JWKSSource {}
