import Foundation
import JWTKit

/// A payload jwt-kit can verify: an issuer and an expiry.
struct TestPayload: JWTPayload, Equatable {
    var iss: IssuerClaim
    var exp: ExpirationClaim

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }
}

/// JWT dates are seconds since 1970 (RFC 7519 §2, NumericDate).
func jwtEncode(_ payload: TestPayload) throws -> Data {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .secondsSince1970
    return try encoder.encode(payload)
}
