import Crypto
import Foundation

/// A 6-digit code mailed to a user, as a value-type state machine: valid 10 minutes, single use, at most 5 wrong
/// tries, compared in constant time. Only its digest is kept: an HMAC-SHA256 under a key derived from the KEK,
/// so that a copy of the database alone does not give the code back (a million candidates are tried in a blink).
public struct OneTimeCode: Sendable, Equatable, Codable {
    public static let lifetime: TimeInterval = 600
    public static let maximumAttempts = 5

    public var purpose: CodePurpose
    /// What the code is bound to: the e-mail address or account of the flow.
    public var subject: String
    public var digest: [UInt8]
    public var issuedAt: Date
    public var expiresAt: Date
    public var failedAttempts: Int
    public var usedAt: Date?

    /// A new code, its digest keyed with `key` (32 bytes derived from the KEK). `random` gives uniformly random
    /// digits (a CSPRNG in production).
    public static func issue(
        purpose: CodePurpose, subject: String, key: [UInt8], now: Date, random: () -> UInt32
    ) -> (code: String, record: OneTimeCode) {
        // Rejection sampling: 10^6 divides no power of two, so plain `% 1_000_000` would be biased.
        var value = random()
        let limit = UInt32.max - UInt32.max % 1_000_000
        while value >= limit { value = random() }
        let code = String(format: "%06u", value % 1_000_000)
        return (code, OneTimeCode(
            purpose: purpose, subject: subject, digest: Self.digest(code, purpose: purpose, subject: subject, key: key), issuedAt: now,
            expiresAt: now.addingTimeInterval(lifetime), failedAttempts: 0, usedAt: nil))
    }

    public enum Outcome: Equatable, Sendable {
        case accepted
        case wrong(remainingAttempts: Int)
        case expired
        case tooManyAttempts
        case alreadyUsed
    }

    /// Checks `input` and returns the outcome with the code's next state. Spaces and dashes in the input are
    /// ignored ("123 456").
    public func attempt(_ input: String, purpose: CodePurpose, subject: String, key: [UInt8], now: Date) -> (Outcome, OneTimeCode) {
        var next = self
        if usedAt != nil { return (.alreadyUsed, next) }
        if now >= expiresAt { return (.expired, next) }
        if failedAttempts >= Self.maximumAttempts { return (.tooManyAttempts, next) }
        let cleaned = input.filter { !$0.isWhitespace && $0 != "-" }
        let matches = purpose == self.purpose && subject.lowercased() == self.subject.lowercased() && cleaned.count == 6 && cleaned.allSatisfy(\.isASCII)
            && ConstantTime.equal(Self.digest(cleaned, purpose: self.purpose, subject: self.subject, key: key), digest)
        if matches {
            next.usedAt = now
            return (.accepted, next)
        }
        next.failedAttempts += 1
        let remaining = Self.maximumAttempts - next.failedAttempts
        return (remaining > 0 ? .wrong(remainingAttempts: remaining) : .tooManyAttempts, next)
    }

    /// HMAC-SHA256 under `key`, binding the code to its purpose and subject. (Codes kept as unkeyed SHA-256 before
    /// this no longer match, and simply expire.)
    static func digest(_ code: String, purpose: CodePurpose, subject: String, key: [UInt8]) -> [UInt8] {
        let message = Data("otp:v2:\(purpose.rawValue):\(subject.lowercased()):\(code)".utf8)
        return Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }
}
