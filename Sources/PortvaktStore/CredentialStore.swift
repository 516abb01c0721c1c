import Foundation
import PortvaktCore

/// Passwords (as argon2id PHC strings), one-time codes and failure counts: what the password login keeps.
public protocol CredentialStore: Sendable {
    func setPasswordHash(accountID: String, hash: String, at: Date) async throws
    func passwordHash(accountID: String) async throws -> String?

    /// Stores a new code for its purpose and subject, replacing any earlier one (a new code voids the old).
    func saveOneTimeCode(_ code: OneTimeCode) async throws
    /// Checks `input` against the code of `purpose` and `subject` atomically: of concurrent attempts with the right
    /// code exactly one is `.accepted`, and every wrong attempt counts. Nil when no code was sent.
    func attemptOneTimeCode(purpose: CodePurpose, subject: String, input: String, now: Date) async throws -> OneTimeCode.Outcome?
    /// When codes of `purpose` were sent to `subject` since `since`, for the resend policy.
    func codeSendTimes(purpose: CodePurpose, subject: String, since: Date) async throws -> [Date]

    /// Failed attempts per throttle key (`account:…`, `ip:…`), shared by every node.
    func recordFailure(key: String, at: Date) async throws
    func failures(key: String, since: Date) async throws -> [Date]
    func clearFailures(key: String) async throws
}
