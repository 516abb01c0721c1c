import Foundation

/// Whether the database is known to be down, from the units of work that waited for it in vain.
///
/// After a unit of work failed to get a connection in time, further work fails at once for a short while instead
/// of each request waiting out its own timeout: under load, waiting requests would pile up while the database is
/// down. The first request after the window tries again. Work that was already running when the database went
/// away is abandoned once the outage is known (see `PostgresBackend.withSession`).
final class OutageWindow: @unchecked Sendable {
    private let lock = NSLock()
    private var until: ContinuousClock.Instant?
    private var openedAt: ContinuousClock.Instant?
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

    /// Whether an outage was found after `instant`.
    func opened(after instant: ContinuousClock.Instant) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard let openedAt else { return false }
        return openedAt > instant
    }

    /// The database just failed to give a connection in time.
    func open() {
        lock.lock()
        let now = ContinuousClock.now
        until = now + length
        openedAt = now
        lock.unlock()
    }
}
