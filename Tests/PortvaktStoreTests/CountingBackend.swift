import Logging
import NIOCore
import SQLKit
import Synchronization

@testable import PortvaktStore

/// A backend that counts the units of work asked of it (a session, which is also every transaction, or a read)
/// and the statements sent in them (BEGIN and COMMIT included), around a real one: the store's round trips per
/// operation.
final class CountingBackend: SQLBackend {
    struct Counts: Equatable, Sendable {
        var sessions = 0
        var reads = 0
        var statements = 0
    }

    let inner: any SQLBackend
    private let counted = Mutex(Counts())

    init(_ inner: any SQLBackend) {
        self.inner = inner
    }

    var engine: SQLEngine { inner.engine }
    var counts: Counts { counted.withLock { $0 } }

    /// The counts of what `body` asked, from zero.
    func counting(_ body: () async throws -> Void) async throws -> Counts {
        counted.withLock { $0 = Counts() }
        try await body()
        return counts
    }

    func withSession<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        counted.withLock { $0.sessions += 1 }
        return try await inner.withSession { db in try await body(CountingDatabase(inner: db, backend: self)) }
    }

    func withReader<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        counted.withLock { $0.reads += 1 }
        return try await inner.withReader { db in try await body(CountingDatabase(inner: db, backend: self)) }
    }

    func countStatement() {
        counted.withLock { $0.statements += 1 }
    }

    func isUniqueViolation(_ error: any Error) -> Bool { inner.isUniqueViolation(error) }
    func isBusy(_ error: any Error) -> Bool { inner.isBusy(error) }
    func isDisconnection(_ error: any Error) -> Bool { inner.isDisconnection(error) }
    func close() async {}
}

/// A database that counts the statements sent through it.
private struct CountingDatabase: SQLDatabase {
    let inner: any SQLDatabase
    let backend: CountingBackend

    var logger: Logger { inner.logger }
    var eventLoop: any EventLoop { inner.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { inner.version }
    var dialect: any SQLDialect { inner.dialect }
    var queryLogLevel: Logger.Level? { inner.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        backend.countStatement()
        return inner.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        backend.countStatement()
        try await inner.execute(sql: query, onRow)
    }
}
