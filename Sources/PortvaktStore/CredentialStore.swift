import Foundation
import PortvaktCore

/// Passwords (as argon2id PHC strings), one-time codes and failure counts: what the password login keeps.
public protocol CredentialStore: Sendable {
    func setPasswordHash(accountID: String, hash: String, at: Date) async throws
    func passwordHash(accountID: String) async throws -> String?

    /// Stores a new code for its purpose and subject, replacing any earlier one (a new code voids the old).
    func saveOneTimeCode(_ code: OneTimeCode) async throws
    /// Voids every outstanding code of `subject`, whatever its purpose (after a password change).
    func voidOneTimeCodes(subject: String) async throws
    /// Checks `input` against the code of `purpose` and `subject` atomically: of concurrent attempts with the right
    /// code exactly one is `.accepted`, and every wrong attempt counts. Nil when no code was sent. `key` is the
    /// code digests' HMAC key.
    func attemptOneTimeCode(purpose: CodePurpose, subject: String, input: String, key: [UInt8], now: Date) async throws -> OneTimeCode.Outcome?
    /// When codes of `purpose` were sent to `subject` since `since`, for the resend policy.
    func codeSendTimes(purpose: CodePurpose, subject: String, since: Date) async throws -> [Date]

    /// Decides and counts one attempt under a throttle key in one step, serialised per key across every node, so
    /// that concurrent attempts see each other: `throttle` decides on the key's failures within its window, and
    /// the attempt is recorded as a failure (unless it is refused for a lockout, or for a wait when
    /// `recordRefused` is false). A successful attempt is taken back with `forgiveAttempt`.
    func claimAttempt(key: String, throttle: LoginThrottle, now: Date, recordRefused: Bool) async throws -> AttemptClaim
    func forgiveAttempt(id: Int64) async throws

    /// Failed attempts per throttle key (`account:…`, `ip:…`), shared by every node.
    func recordFailure(key: String, at: Date) async throws
    func failures(key: String, since: Date) async throws -> [Date]
    func clearFailures(key: String) async throws
}
