import Foundation

/// How long rows that have done their work are kept, so no table grows without end. Rows are deleted in small
/// batches (`batchSize`) by `HousekeepingService`, each batch its own short transaction, so the SQLite writer is
/// never held for long.
public struct Retention: Sendable, Equatable {
    /// The audit log: 400 days (a year and a bit, for a yearly review).
    public var auditLog: TimeInterval = 400 * 86_400
    /// A grant after it was revoked or ended.
    public var endedGrant: TimeInterval = 30 * 86_400
    /// A grant's whole life: its refresh tokens end after `tokens.refresh_token_lifetime`, and a day later
    /// nothing can use it.
    public var grantLifetime: TimeInterval
    /// An invitation after it was accepted, revoked, or expired.
    public var endedInvitation: TimeInterval = 30 * 86_400
    /// A business link after it was used or expired.
    public var endedLinkToken: TimeInterval = 86_400
    /// A sent mail (its text may carry a code or a link): a week, for the local mailbox page and for support.
    public var sentMail: TimeInterval = 7 * 86_400
    /// Rows deleted per statement.
    public var batchSize = 500

    public init(refreshTokenLifetime: TimeInterval) {
        grantLifetime = refreshTokenLifetime + 86_400
    }
}
