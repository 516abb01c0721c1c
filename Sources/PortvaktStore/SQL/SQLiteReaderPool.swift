import Logging
import SQLKit

/// Read-only connections to one SQLite file, opened when first needed, up to `limit`. In WAL mode readers run
/// beside the single writer and beside each other: each sees the last committed state when its statement starts.
/// `query_only` makes a write through one of them fail instead of slipping past the writer's lock.
actor SQLiteReaderPool {
    private let path: String
    private let limit: Int
    private let logger: Logger
    private var idle: [SQLiteDirectConnection] = []
    private var opened = 0
    /// Callers waiting for a connection: given one, or nil when a slot came free to open one in, or an error when
    /// the pool closed.
    private var waiters: [CheckedContinuation<SQLiteDirectConnection?, any Error>] = []
    private var closed = false

    /// - Parameter limit: the most connections open at once; each on its own thread, so a reader waiting out
    ///   another process's lock (busy_timeout) holds only itself.
    init(path: String, limit: Int, logger: Logger) {
        self.path = path
        self.limit = max(1, limit)
        self.logger = logger
    }

    /// Runs `body` on an idle reader, on that reader's thread.
    nonisolated func withReader<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let connection = try await acquire()
        do {
            let result = try await connection.withSession(body)
            await release(connection)
            return result
        } catch {
            await release(connection)
            throw error
        }
    }

    private func acquire() async throws -> SQLiteDirectConnection {
        while true {
            guard !closed else { throw StoreError.unavailable("the SQLite database is closed") }
            if let connection = idle.popLast() { return connection }
            if opened < limit {
                opened += 1
                do {
                    return try await open()
                } catch {
                    opened -= 1
                    // The slot is free again: the longest waiter tries to open one in it.
                    if !waiters.isEmpty { waiters.removeFirst().resume(returning: nil) }
                    throw error
                }
            }
            if let connection = try await withCheckedThrowingContinuation({ waiters.append($0) }) { return connection }
        }
    }

    private func release(_ connection: SQLiteDirectConnection) async {
        if closed {
            opened -= 1
            await connection.close()
        } else if waiters.isEmpty {
            idle.append(connection)
        } else {
            waiters.removeFirst().resume(returning: connection)  // straight to the longest waiter
        }
    }

    private func open() async throws -> SQLiteDirectConnection {
        do {
            return try await SQLiteDirectConnection.open(path: path, threadName: "SQLite reader", logger: logger) { db in
                try await db.raw("PRAGMA query_only = ON").run()
            }
        } catch {
            throw StoreError.unavailable("cannot open a reader on the SQLite database \(path): \(error)")
        }
    }

    /// Closes the idle connections and turns the waiting callers away; a connection still in use is closed when it
    /// is given back.
    func close() async {
        closed = true
        for waiter in waiters { waiter.resume(throwing: StoreError.unavailable("the SQLite database is closed")) }
        waiters = []
        for connection in idle { await connection.close() }
        opened -= idle.count
        idle = []
    }
}
