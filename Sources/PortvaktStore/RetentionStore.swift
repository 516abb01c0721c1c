import Foundation
import PortvaktCore

/// Deleting rows that have done their work (`Retention`), in batches: the audit log, ended grants, invitations,
/// business links, denied tokens past their `exp` (`TokenDenylist`) and sent mail.
public protocol RetentionStore: Sendable {
    /// Deletes at most `retention.batchSize` rows of each kind past its retention and returns how many went; call
    /// again while it returns a full batch of any kind.
    func purgeRetained(_ retention: Retention, now: Date) async throws -> Int
}
