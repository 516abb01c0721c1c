import Foundation

/// Whether the database is known to be down, from the units of work that waited for it in vain.
///
/// After a unit of work failed to get a connection in time, further work fails at once for a short while instead
/// of each request waiting out its own timeout: under load, waiting requests would pile up while the database is
/// down or overloaded. The first request after the window tries again.
final class OutageWindow: @unchecked Sendable {
    private let lock = NSLock()
    private var until: ContinuousClock.Instant?
    private let length: Duration

    init(length: Duration) {
        self.length = length
    }

    /// Whether the database is known to be down now.
    var isOpen: Bool {
        lock.lock()
        defer { lock.unlock() }
        guard let until else { return false }
        return ContinuousClock.now < until
    }

    /// The database just failed to give a connection in time.
    func open() {
        lock.lock()
        let now = ContinuousClock.now
        until = now + length
        lock.unlock()
    }
}
