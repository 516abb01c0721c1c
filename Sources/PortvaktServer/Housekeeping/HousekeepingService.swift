import Foundation
import Logging
import PortvaktCore
import PortvaktStore

/// Every `interval`, deletes what has expired, so the tables do not grow without end: pending requests, codes,
/// refresh tokens, client assertion IDs, code sends, rate-limit uses and BankID orders (`purgeExpired`),
/// sessions (`purgeSessions`), and, past their `Retention`, the audit log, ended grants, invitations, business
/// links, denied `client_credentials` tokens that have expired, and sent mail (`purgeRetained`, in small batches). Every node may run it; deleting an expired row twice is harmless.
struct HousekeepingService: PeriodicService {
    let store: any AuthorizationStore & SessionStore & RetentionStore
    /// How long rows that have done their work are kept.
    let retention: Retention
    /// `sessions.idle_timeout`: an idle session is ended here, as a logout would.
    let idleTimeout: TimeInterval
    let logger: Logger
    var interval: Duration = .seconds(60)

    /// One round of every purge. A failure is logged, and the next round tries again.
    func round(now: Date) async {
        do {
            try await store.purgeExpired(now: now)
            try await store.purgeSessions(now: now, idleTimeout: idleTimeout)
            // Batches until a round deletes less than a batch of each kind (bounded: at most 20 batches a round).
            for _ in 0..<20 where try await store.purgeRetained(retention, now: now) >= retention.batchSize {}
        } catch {
            logger.warning("purging expired records failed: \(error)")
        }
    }
}
