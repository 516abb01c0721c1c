import Foundation

/// How long rows that have done their work are kept, so no table grows without end. Rows are deleted in small
/// batches (`batchSize`) by `HousekeepingService`, each batch its own short transaction, so the SQLite writer is
/// never held for long.
public struct Retention: Sendable, Equatable {
    /// The audit log: 400 days by default (a year and a bit, for a yearly review); `retention.audit_log`.
    public var auditLog: TimeInterval = 400 * 86_400
    /// A grant after it was revoked or ended; `retention.ended_grants`.
    public var endedGrant: TimeInterval = 30 * 86_400
    /// A grant's whole life: its refresh tokens end after `tokens.refresh_token_lifetime`, and a day later
    /// nothing can use it.
    public var grantLifetime: TimeInterval
    /// An invitation after it was accepted, revoked, or expired.
    public var endedInvitation: TimeInterval = 30 * 86_400
    /// A business link after it was used or expired.
    public var endedLinkToken: TimeInterval = 86_400
    /// A sent mail's recipient, subject and times (its text is forgotten when it is sent): a week, for support;
    /// `retention.sent_mail`.
    public var sentMail: TimeInterval = 7 * 86_400
    /// A remembered consent: after 400 days by default the user is asked again; `retention.consents`. Consents of
    /// removed clients go with their client's next purge.
    public var consent: TimeInterval = 400 * 86_400
    /// A revoked grantless access token (`client_credentials`) on the denylist, after its `exp`: a minute, for
    /// the clocks of other nodes (after it no node accepts the token anyway).
    public var deniedToken: TimeInterval = 60
    /// Rows deleted per statement.
    public var batchSize = 500

    public init(refreshTokenLifetime: TimeInterval) {
        grantLifetime = refreshTokenLifetime + 86_400
    }
}
