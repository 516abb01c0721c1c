import Foundation

/// Decides, exactly once, whether a unit of work got its database connection in time or the wait ran out.
///
/// Waiting for a connection is bounded; running the work once it has one is not (a transaction must reach its
/// COMMIT or ROLLBACK). Both sides ask here, and only the first wins: work that won runs to its end, and a wait
/// that won means the work never starts, even if its connection arrives a moment later.
final class LeaseDeadline: @unchecked Sendable {
    private enum State {
        case waiting
        case started
        case expired
    }

    private let lock = NSLock()
    private var state = State.waiting

    /// Called by the work when it has its connection: true if it may run, false if the wait already ran out.
    func start() -> Bool { settle(.started) }

    /// Called when the wait runs out: true if the work had not started (and now never will).
    func expire() -> Bool { settle(.expired) }

    private func settle(_ outcome: State) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard state == .waiting else { return false }
        state = outcome
        return true
    }
}
