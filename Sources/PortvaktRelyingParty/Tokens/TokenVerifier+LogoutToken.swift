import Foundation

extension TokenVerifier {
    /// A logout token for this client (Back-Channel Logout 1.0 §2.6): signature and `alg` as for an ID token, `typ`
    /// `logout+jwt` (so that no ID token or access token can pass for one), `iss`, `aud`, `iat` (and `exp` when
    /// present) with the leeway, the back-channel logout event, a `sid` or a `sub`, a `jti`, and no `nonce`.
    public func verifyLogoutToken(_ token: String) async throws -> LogoutToken {
        let (jws, _) = try await verifiedSignature(token)
        guard jws.type == "logout+jwt" else { throw VerificationError(.type, "typ \(jws.type ?? "(none)") is not logout+jwt") }
        let claims = TokenClaims(jws.claims)
        try checkIssuer(claims)
        guard claims.audience.contains(clientID) else {
            throw VerificationError(.audience, "aud \(claims.audience) does not name this client \(clientID)")
        }
        let now = provider.now()
        guard let issued = claims.issuedAt else { throw VerificationError(.malformed, "no iat") }
        guard issued.addingTimeInterval(-leeway) <= now else { throw VerificationError(.notYetValid, "iat \(issued) is in the future") }
        if let expires = claims.expiresAt, expires.addingTimeInterval(leeway) <= now { throw VerificationError(.expired, "expired at \(expires)") }
        guard case .object(let events)? = claims["events"], case .object? = events[LogoutToken.event] else {
            throw VerificationError(.logoutToken, "events has no \(LogoutToken.event) object")
        }
        guard claims.sessionID != nil || claims.subject != nil else { throw VerificationError(.logoutToken, "neither sid nor sub") }
        guard claims["nonce"] == nil else { throw VerificationError(.logoutToken, "a logout token must not have a nonce") }
        guard claims.tokenID?.isEmpty == false else { throw VerificationError(.logoutToken, "no jti") }
        return LogoutToken(claims: claims)
    }
}
