import Foundation
import Logging
import PortvaktStore
import ServiceLifecycle

/// Every `interval`, deletes what has expired, so the tables do not grow without end: pending requests, codes,
/// refresh tokens, client assertion IDs, code sends, login failures and BankID orders (`purgeExpired`), and
/// sessions (`purgeSessions`). Every node may run it; deleting an expired row twice is harmless.
struct HousekeepingService: Service {
    let store: any AuthorizationStore & SessionStore
    let logger: Logger
    var interval: Duration = .seconds(60)

    func run() async throws {
        // Graceful shutdown cancels the sleep, so SIGTERM is not held up by an interval.
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                await purge(now: Date())
            }
        }
    }

    /// One round of every purge. A failure is logged, and the next round tries again.
    func purge(now: Date) async {
        do {
            try await store.purgeExpired(now: now)
            try await store.purgeSessions(now: now)
        } catch {
            logger.warning("purging expired records failed: \(error)")
        }
    }
}
