import Foundation

/// The life of one unit of work on a pooled connection, decided once at each step, so that the caller is answered
/// exactly once and truthfully.
///
/// - Waiting for a connection is bounded: `start` (the work got one) and `expire` (the wait ran out) race, and only
///   the first wins; work whose wait ran out never starts, even if its connection arrives a moment later.
/// - Running work is not bounded (a transaction must reach its COMMIT or ROLLBACK), unless its own connection
///   closes: `finish` (the work returned) and `abandon` (its connection closed first) race the same way. A closed
///   connection means the server has ended the transaction, and PostgresNIO may never answer the statement sent on it.
final class LeaseDeadline: @unchecked Sendable {
    private enum State {
        case waiting
        case started
        case expired
        case finished
        case abandoned
    }

    private let lock = NSLock()
    private var state = State.waiting

    /// Called by the work when it has its connection: true if it may run, false if the wait already ran out.
    func start() -> Bool { move(from: .waiting, to: .started) }

    /// Called when the wait runs out: true if the work had not started (and now never will).
    func expire() -> Bool { move(from: .waiting, to: .expired) }

    /// Called when the work returned or threw: false if it had already been abandoned.
    func finish() -> Bool { move(from: .started, to: .finished) }

    /// Called when the work's connection closed: true if the work was still running (and is now abandoned).
    func abandon() -> Bool { move(from: .started, to: .abandoned) }

    private func move(from: State, to: State) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard state == from else { return false }
        state = to
        return true
    }
}
