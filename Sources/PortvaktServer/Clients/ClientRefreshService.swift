import Foundation
import Logging
import ServiceLifecycle

/// Every `interval` (`keys.refresh_interval`, the key refresh's cadence), compares the clients' version in the
/// store with the one this node loaded and reloads every client when it changed: a client removed, or a secret
/// rotated, with the CLI or on another node stops working here within one interval, without a restart.
struct ClientRefreshService: PeriodicService {
    let clients: ClientDirectory
    let interval: Duration
    let logger: Logger

    func round(now: Date) async {
        do {
            if try await clients.refresh(now: now) {
                logger.info("clients reloaded at version \(clients.version.map { "\($0)" } ?? "-")")
            }
        } catch {
            logger.error("client refresh failed, keeping the clients checked at \(clients.checkedAt.map { "\($0)" } ?? "never"): \(error)")
        }
    }
}
