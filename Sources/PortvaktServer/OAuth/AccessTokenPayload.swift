import Foundation
import JWTKit
import PortvaktCore

/// An access token we issued (RFC 9068), as it comes back as a bearer token.
struct AccessTokenPayload: JWTPayload {
    var iss: IssuerClaim
    var sub: SubjectClaim
    var aud: AudienceClaim
    var exp: ExpirationClaim
    var client_id: String
    var scope: String
    /// Nil for a client_credentials token: it has no grant (it is revoked by its `jti`).
    var grant_id: String?
    var jti: String

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }

    var scopes: [String] { scope.split(separator: " ").map(String.init) }
}
