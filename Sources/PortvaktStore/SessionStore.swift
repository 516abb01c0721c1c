import Foundation
import PortvaktCore

/// Login sessions. Ending a session, by any of the ways below, ends in the same step the grants made under it
/// (their access tokens, codes and refresh tokens), except those holding `offline_access`.
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
    /// Ends sessions idle for `idleTimeout` (as a logout does: their grants end and their clients are told), deletes
    /// sessions past their absolute end (ending their grants too), and ended ones a day after they ended.
    func purgeSessions(now: Date, idleTimeout: TimeInterval) async throws
}
