import Foundation

/// The logout token of OpenID Connect Back-Channel Logout 1.0 §2.4: a JWT of type `logout+jwt` that tells a
/// client a user's session ended. It names the session (`sid`) and the user (`sub`), carries the back-channel
/// logout event, a `jti` the client can use against replays, and never a `nonce`.
public enum LogoutToken {
    public static let event = "http://schemas.openid.net/event/backchannel-logout"
    public static let type = "logout+jwt"
    /// Long enough for a retried delivery's clock skew; a client may refuse older ones.
    public static let lifetime: TimeInterval = 120

    public static func make(
        issuer: String, clientID: String, subject: String, sid: String?, jti: String, now: Date, signer: any TokenSigner
    ) throws -> String {
        var claims = Claims()
        claims.set("iss", issuer)
        claims.set("aud", clientID)
        claims.set("iat", now)
        claims.set("exp", now.addingTimeInterval(lifetime))
        claims.set("jti", jti)
        claims.set("sub", subject)
        claims.set("sid", sid)
        claims["events"] = .object([event: .object([:])])
        return try JWS.compact(payload: try claims.encoded(), type: type, signer: signer)
    }
}
