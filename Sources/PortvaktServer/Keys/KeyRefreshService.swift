import Foundation
import Logging
import ServiceLifecycle

/// Every `interval`, promotes keys that have become due and reloads the key ring, so that a rotation made
/// by the CLI or another node is in use here within one interval, without a restart.
struct KeyRefreshService: PeriodicService {
    let services: PortvaktServices
    let interval: Duration

    func round(now: Date) async {
        let ring = services.keyRing
        let logger = services.logger
        do {
            let before = ring.publishedKids
            let promoted = try await services.refreshKeys(now: now)
            for transition in promoted.transitions {
                logger.notice("signing key \(transition.key.kid) is now \(transition.key.state.rawValue)")
            }
            if ring.publishedKids != before {
                logger.info("published keys changed: \(ring.publishedKids.joined(separator: ", "))")
            }
        } catch {
            logger.error("key refresh failed, keeping the keys loaded at \(ring.loadedAt.map { "\($0)" } ?? "never"): \(error)")
        }
    }
}
