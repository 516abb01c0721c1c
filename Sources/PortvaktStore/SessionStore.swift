import Foundation
import PortvaktCore

/// A single sign-on session. Its cookie holds a secret the store knows only by digest; `sid` is public.
public struct LoginSession: Sendable, Equatable {
    public var sid: String
    public var accountID: String
    public var authTime: Date
    public var acr: String?
    public var amr: [String]
    public var createdAt: Date
    public var lastSeenAt: Date
    /// The absolute end, whatever the activity.
    public var expiresAt: Date

    public init(sid: String, accountID: String, authTime: Date, acr: String?, amr: [String], createdAt: Date, lastSeenAt: Date, expiresAt: Date) {
        self.sid = sid
        self.accountID = accountID
        self.authTime = authTime
        self.acr = acr
        self.amr = amr
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.expiresAt = expiresAt
    }

    public var view: SessionView { SessionView(accountID: accountID, sid: sid, authTime: authTime) }
}

public protocol SessionStore: Sendable {
    func createSession(_ session: LoginSession, secretDigest: [UInt8]) async throws
    /// The session whose cookie secret has this digest, if it has not ended, passed its absolute end, or been
    /// idle longer than `idleTimeout`; its last activity becomes `now`.
    func activeSession(secretDigest: [UInt8], now: Date, idleTimeout: TimeInterval) async throws -> LoginSession?
    /// Ends the session; returns false when it had already ended or never existed.
    @discardableResult
    func endSession(sid: String, at: Date) async throws -> Bool
    /// The account's sessions that are still active, newest first.
    func activeSessions(accountID: String, now: Date, idleTimeout: TimeInterval) async throws -> [LoginSession]
    /// Ends every session of the account except `except`; returns how many ended.
    @discardableResult
    func endSessions(accountID: String, except: String?, at: Date) async throws -> Int
    /// Deletes sessions past their absolute end, and ended ones a day after they ended.
    func purgeSessions(now: Date) async throws
}
