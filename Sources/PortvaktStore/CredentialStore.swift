import Foundation
import PortvaktCore

/// Passwords (as argon2id PHC strings) and one-time codes: what the password login keeps. Failure counts are
/// `RateLimitStore`'s.
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
    /// When codes of `purpose` were sent to `subject` since `since` (the audit trail of sends).
    func codeSendTimes(purpose: CodePurpose, subject: String, since: Date) async throws -> [Date]
}
