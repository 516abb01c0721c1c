import Foundation
import ServiceLifecycle

/// A background service that refreshes what this node holds in memory from the shared store (the key ring, the
/// client directory): once every `interval`, after a first wait, until the server shuts down gracefully.
protocol RefreshingService: Service {
    var interval: Duration { get }
    /// One refresh at `now`; a failure is logged and the next round tries again.
    func refresh(now: Date) async
}

extension RefreshingService {
    func run() async throws {
        // Graceful shutdown cancels the sleep, so SIGTERM is not held up by a refresh interval.
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                await refresh(now: Date())
            }
        }
    }
}
