import Foundation

/// Where the JWKS comes from: the key ring in production, anything with the same shape in tests.
public protocol JWKSSource: Sendable {
    var jwksDocument: Data { get }
}

extension KeyRing: JWKSSource {}
