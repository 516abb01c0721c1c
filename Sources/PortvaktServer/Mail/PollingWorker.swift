import Foundation
import ServiceLifecycle

/// A background service that works through a shared queue in rounds (the mail outbox, back-channel logouts):
/// one round every `interval` until the server shuts down gracefully.
protocol PollingWorker: Service {
    var interval: Duration { get }
    /// One round at `now`; returns how many items were done.
    @discardableResult
    func deliverDue(now: Date) async -> Int
}

extension PollingWorker {
    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await deliverDue(now: Date())
                try await Task.sleep(for: interval)
            }
        }
    }
}
