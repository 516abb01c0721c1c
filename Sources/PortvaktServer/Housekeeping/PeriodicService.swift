import Foundation
import ServiceLifecycle

/// A background service that does one round every `interval`, after a first wait, until the server shuts down
/// gracefully: refreshing what this node holds in memory from the shared store (the key ring, the client
/// directory), or purging what has expired (housekeeping).
protocol PeriodicService: Service {
    var interval: Duration { get }
    /// One round at `now`; a failure is logged and the next round tries again.
    func round(now: Date) async
}

extension PeriodicService {
    func run() async throws {
        // Graceful shutdown cancels the sleep, so SIGTERM is not held up by an interval.
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                await round(now: Date())
            }
        }
    }
}
