import Foundation
import Hummingbird
import PortvaktCore
import PortvaktCrypto
import PortvaktStore

/// Single sign-on sessions kept in the store and referenced by a cookie: `__Host-` prefixed on https,
/// HttpOnly, SameSite=Lax, with 256 random bits of which the store keeps only a digest.
struct LoginSessions: Sendable {
    let store: any SessionStore
    let secure: Bool
    let idleTimeout: TimeInterval
    let absoluteTimeout: TimeInterval
    /// The key of CSRF tokens, derived from the KEK: the same on every node, unknown to anyone who can only
    /// read the database.
    let csrfKey: [UInt8]

    /// `__Host-` requires Secure, which plain-http loopback development cannot set.
    var cookieName: String { secure ? "__Host-portvakt-session" : "portvakt-session" }

    /// The request's live session, if its cookie names one.
    func current(_ request: Request, now: Date) async throws -> (session: LoginSession, secretDigest: [UInt8])? {
        guard let digest = secretDigest(request) else { return nil }
        guard let session = try await store.activeSession(secretDigest: digest, now: now, idleTimeout: idleTimeout) else { return nil }
        return (session, digest)
    }

    /// The digest of the session secret the request's cookie carries, if it carries a plausible one.
    func secretDigest(_ request: Request) -> [UInt8]? {
        guard let secret = request.cookies[cookieName]?.value, !secret.isEmpty, secret.count <= 128 else { return nil }
        return Digest.sha256(secret)
    }

    /// Starts a new session (a new id at every login, against fixation) and returns the cookie that carries it.
    /// `userAgent` (kept in part, `UserAgentSummary.stored`) and `address` are the login request's, for the account page.
    func start(
        accountID: String, acr: String?, amr: [String], authTime: Date, now: Date, userAgent: String?, address: String?
    ) async throws -> (LoginSession, Cookie) {
        let secret = RandomToken.generate()
        let session = LoginSession(
            sid: RandomToken.generate(bits: 128), accountID: accountID, authTime: authTime, acr: acr, amr: amr, createdAt: now,
            lastSeenAt: now, expiresAt: now.addingTimeInterval(absoluteTimeout), userAgent: userAgent.map(UserAgentSummary.stored),
            address: address)
        try await store.createSession(session, secretDigest: Digest.sha256(secret))
        return (session, cookie(secret))
    }

    /// The cookie for a session secret.
    func cookie(_ secret: String) -> Cookie {
        Cookie(name: cookieName, value: secret, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// A cookie that makes the browser forget the session.
    var expiredCookie: Cookie {
        Cookie(name: cookieName, value: "", expires: Date(timeIntervalSince1970: 0), path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// A token for forms that change state, bound to the session and the form's purpose: an HMAC that a page on
    /// another site cannot make.
    func csrfToken(sessionDigest: [UInt8], purpose: String) -> String {
        MessageTag.tag(key: csrfKey, message: "csrf:\(Base64URL.encode(sessionDigest)):\(purpose)")
    }

    func checkCSRF(_ token: String?, sessionDigest: [UInt8], purpose: String) -> Bool {
        guard let token else { return false }
        return MessageTag.verify(token, key: csrfKey, message: "csrf:\(Base64URL.encode(sessionDigest)):\(purpose)")
    }
}
