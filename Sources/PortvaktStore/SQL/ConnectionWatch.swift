import Foundation
import PostgresNIO

/// Which unit of work each pooled connection is running, so that a connection that closes abandons that work
/// (`LeaseDeadline.abandon`). Each connection's close is watched once, for its whole life: a callback per unit of
/// work would pile up on a long-lived connection.
final class ConnectionWatch: @unchecked Sendable {
    private struct Running {
        let deadline: LeaseDeadline
        let onAbandon: @Sendable () -> Void
    }

    private let lock = NSLock()
    private var running: [ObjectIdentifier: Running] = [:]
    private var watched: Set<ObjectIdentifier> = []

    /// `connection` now runs the work of `deadline`; `onAbandon` is called if it closes before `end`.
    func begin(_ connection: PostgresConnection, deadline: LeaseDeadline, onAbandon: @escaping @Sendable () -> Void) {
        let id = ObjectIdentifier(connection)
        lock.lock()
        running[id] = Running(deadline: deadline, onAbandon: onAbandon)
        let first = watched.insert(id).inserted
        lock.unlock()
        if first {
            connection.closeFuture.whenComplete { [weak self] _ in self?.closed(id) }
        }
    }

    /// The work on `connection` is over.
    func end(_ connection: PostgresConnection) {
        lock.lock()
        running[ObjectIdentifier(connection)] = nil
        lock.unlock()
    }

    private func closed(_ id: ObjectIdentifier) {
        lock.lock()
        let work = running.removeValue(forKey: id)
        watched.remove(id)
        lock.unlock()
        if let work, work.deadline.abandon() { work.onAbandon() }
    }
}
