import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit

/// Read-only connections to one SQLite file, opened when first needed, up to `limit`. In WAL mode readers run
/// beside the single writer and beside each other: each sees the last committed state when its statement starts.
/// `query_only` makes a write through one of them fail instead of slipping past the writer's lock.
actor SQLiteReaderPool {
    private let path: String
    private let limit: Int
    private let threads: NIOThreadPool
    private let logger: Logger
    private var idle: [SQLiteConnection] = []
    private var opened = 0
    private var waiters: [CheckedContinuation<SQLiteConnection, Never>] = []

    /// - Parameter limit: the most connections open at once; one thread each, so a reader waiting out another
    ///   process's lock (busy_timeout) holds only its own.
    init(path: String, limit: Int, logger: Logger) {
        self.path = path
        self.limit = max(1, limit)
        self.logger = logger
        threads = NIOThreadPool(numberOfThreads: self.limit)
        threads.start()
    }

    func withReader<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let connection = try await acquire()
        do {
            let result = try await body(connection.sql())
            release(connection)
            return result
        } catch {
            release(connection)
            throw error
        }
    }

    private func acquire() async throws -> SQLiteConnection {
        if let connection = idle.popLast() { return connection }
        guard opened < limit else {
            return await withCheckedContinuation { waiters.append($0) }
        }
        opened += 1
        do {
            return try await open()
        } catch {
            opened -= 1
            throw error
        }
    }

    private func release(_ connection: SQLiteConnection) {
        if waiters.isEmpty {
            idle.append(connection)
        } else {
            waiters.removeFirst().resume(returning: connection)  // straight to the longest waiter
        }
    }

    private func open() async throws -> SQLiteConnection {
        let connection: SQLiteConnection = try await SQLiteConnection.open(
            storage: .file(path: path), threadPool: threads, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())
        do {
            let db = connection.sql()
            try await db.raw("PRAGMA busy_timeout = 30000").run()
            try await db.raw("PRAGMA query_only = ON").run()
            return connection
        } catch {
            let closing: EventLoopFuture<Void> = connection.close()
            try? await closing.get()
            throw StoreError.unavailable("cannot open a reader on the SQLite database \(path): \(error)")
        }
    }

    /// Closes the idle connections and the threads; call once nothing reads any more.
    func close() async {
        for connection in idle {
            let closing: EventLoopFuture<Void> = connection.close()
            try? await closing.get()
        }
        idle = []
        try? await threads.shutdownGracefully()
    }
}
