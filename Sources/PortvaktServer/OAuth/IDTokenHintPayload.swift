import Foundation
import JWTKit
import PortvaktCore

/// An ID token we issued, as it comes back in `id_token_hint`: signature and issuer checked by jwt-kit; it may
/// have expired (OpenID Connect Core §3.1.2.1).
struct IDTokenHintPayload: JWTPayload {
    var iss: IssuerClaim
    var sub: SubjectClaim
    var aud: AudienceClaim
    var sid: String?

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
