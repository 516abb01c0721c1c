import Foundation

/// Why a key lifecycle step was refused. Nothing is changed when one is thrown.
public struct KeyLifecycleError: Error, Equatable, CustomStringConvertible, Sendable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let raw: String
        public var description: String { raw }
        public static let unknownKey = Code(raw: "unknown_key")
        public static let tooEarlyToActivate = Code(raw: "too_early_to_activate")
        public static let tooEarlyToRemove = Code(raw: "too_early_to_remove")
        public static let activeKeyMustBeRetiredFirst = Code(raw: "active_key_must_be_retired_first")
        public static let noSuccessor = Code(raw: "no_successor")
        public static let pendingKeyExists = Code(raw: "pending_key_exists")
        public static let wrongState = Code(raw: "wrong_state")
    }

    public let code: Code
    /// One sentence for the operator: what was refused, why, and what to do instead.
    public let message: String
    /// When the refused step becomes possible, where time is the only obstacle.
    public let earliest: Date?

    public var description: String { message }

    static func unknownKey(_ kid: String) -> Self {
        .init(code: .unknownKey, message: "no signing key has the kid \(kid)", earliest: nil)
    }

    static func tooEarlyToActivate(_ key: SigningKeyInfo) -> Self {
        .init(
            code: .tooEarlyToActivate,
            message: "key \(key.kid) may not sign before \(Timestamp.iso(key.activatesAt)): relying parties "
                + "may still hold a cached JWKS without it",
            earliest: key.activatesAt)
    }

    static func tooEarlyToRemove(_ key: SigningKeyInfo, until: Date) -> Self {
        .init(
            code: .tooEarlyToRemove,
            message: "key \(key.kid) must stay published until \(Timestamp.iso(until)): tokens it signed "
                + "may still be valid",
            earliest: until)
    }

    static func activeKeyMustBeRetiredFirst(_ key: SigningKeyInfo) -> Self {
        .init(
            code: .activeKeyMustBeRetiredFirst,
            message: "key \(key.kid) is the active \(key.algorithm.rawValue) key: retire it first "
                + "(after `portvakt keys rotate --alg \(key.algorithm.rawValue)`)",
            earliest: nil)
    }

    static func noSuccessor(_ key: SigningKeyInfo) -> Self {
        .init(
            code: .noSuccessor,
            message: "key \(key.kid) is the only \(key.algorithm.rawValue) key that can sign: pre-publish a "
                + "successor with `portvakt keys rotate --alg \(key.algorithm.rawValue)` first",
            earliest: nil)
    }

    static func successorNotReady(_ key: SigningKeyInfo, successor: SigningKeyInfo) -> Self {
        .init(
            code: .tooEarlyToActivate,
            message: "key \(key.kid) cannot be retired before its successor \(successor.kid) may sign at "
                + "\(Timestamp.iso(successor.activatesAt))",
            earliest: successor.activatesAt)
    }

    static func pendingKeyExists(_ pending: SigningKeyInfo) -> Self {
        .init(
            code: .pendingKeyExists,
            message: "a \(pending.algorithm.rawValue) key is already waiting to sign: \(pending.kid) "
                + "activates at \(Timestamp.iso(pending.activatesAt))",
            earliest: pending.activatesAt)
    }

    static func wrongState(_ key: SigningKeyInfo, action: String) -> Self {
        .init(code: .wrongState, message: "key \(key.kid) is \(key.state.rawValue) and cannot be \(action)", earliest: nil)
    }
}
