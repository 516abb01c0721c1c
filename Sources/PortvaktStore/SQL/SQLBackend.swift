import SQLKit

/// A database engine the SQL store runs on. Everything above it is one SQLKit code path; only opening,
/// sessions, transaction start and error classification differ.
protocol SQLBackend: Sendable {
    var engine: SQLEngine { get }
    /// Runs `body` on one connection, used by nothing else meanwhile.
    func withSession<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Runs `body`, which only reads, on a connection that may run beside writers (SQLite's readers); it sees
    /// everything committed before it started.
    func withReader<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Whether an error is a unique-constraint violation.
    func isUniqueViolation(_ error: any Error) -> Bool
    /// Whether an error means another process held the database too long (SQLite's "database is locked").
    func isBusy(_ error: any Error) -> Bool
    /// Whether an error means the connection itself is gone: the database has already ended its transaction, and
    /// nothing more may be sent on it (PostgresNIO never answers a statement sent on a closed connection).
    func isDisconnection(_ error: any Error) -> Bool
    func close() async
}

extension SQLBackend {
    /// Where every connection can both read and write (PostgreSQL's pool), a reader is any session.
    func withReader<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withSession(body)
    }

    /// Runs `body` in a transaction: committed if it returns, rolled back if it throws.
    ///
    /// The transaction runs in a task of its own, so it reaches its COMMIT or ROLLBACK even when the caller is
    /// cancelled midway (a server shutting down): a half-finished transaction would keep the database's write
    /// lock, and every other process would wait on it.
    func withTransaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let begin = engine.beginTransaction
        return try await Task {
            try await withSession { db in
                do {
                    try await db.raw(SQLQueryString(begin)).run()
                } catch {
                    // A BEGIN that failed may still have left a transaction open on this connection.
                    if !isDisconnection(error) { try? await db.raw("ROLLBACK").run() }
                    throw error
                }
                do {
                    let result = try await body(db)
                    try await db.raw("COMMIT").run()
                    return result
                } catch {
                    if !isDisconnection(error) { try? await db.raw("ROLLBACK").run() }
                    throw error
                }
            }
        }.value
    }
}
