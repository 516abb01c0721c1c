import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
// SQLiteNIO's own build of SQLite (its C module): the one copy of SQLite in the process, so that every connection
// to a file shares its POSIX locks. Two copies of SQLite on one file in one process corrupt it.
import VaporCSQLite

/// One SQLite connection on a thread of its own, speaking SQLKit, that keeps its statements prepared.
///
/// SQLiteNIO runs each statement as a job on a thread pool, hands each row to an event loop and completes on it,
/// and prepares every statement anew. Here a statement is one hand-off to the connection's thread and one back,
/// its rows collected there, and a statement seen before is reset and bound again instead of compiled
/// (`sqlite3_prepare_v3` with `SQLITE_PREPARE_PERSISTENT`, up to `statementLimit` kept).
final class SQLiteDirectConnection: SQLDatabase, @unchecked Sendable {
    /// Statements kept prepared; past it, the kept ones are finalized and the cache starts again.
    static let statementLimit = 128

    let thread: SQLiteThread
    let logger: Logger
    let eventLoop: any EventLoop
    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { .debug }

    // Touched on `thread` only.
    private var handle: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    private var compiled = 0

    private let encoder = SQLiteDataEncoder()
    private let decoder = SQLiteDataDecoder()

    private init(thread: SQLiteThread, logger: Logger) {
        self.thread = thread
        self.logger = logger
        eventLoop = MultiThreadedEventLoopGroup.singleton.any()
    }

    /// Opens (creating it if need be) the database at `path`, or an in-memory one for `:memory:`, waiting up to 30 s
    /// for another connection's lock (`busy_timeout`), then runs `setUp` on it (its pragmas); closed again if that
    /// fails.
    static func open(
        path: String, threadName: String, logger: Logger, setUp: @escaping @Sendable (any SQLDatabase) async throws -> Void = { _ in }
    ) async throws -> SQLiteDirectConnection {
        let connection = SQLiteDirectConnection(thread: SQLiteThread(name: threadName), logger: logger)
        do {
            try await connection.thread.run { try connection.openHandle(path) }
        } catch {
            connection.thread.stop()
            throw error
        }
        do {
            try await connection.raw("PRAGMA busy_timeout = 30000").run()
            try await setUp(connection)
        } catch {
            await connection.close()
            throw error
        }
        return connection
    }

    private func openHandle(_ path: String) throws {
        var opened: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
        let status = sqlite_nio_sqlite3_open_v2(path, &opened, flags, nil)
        guard status == SQLITE_OK, let opened else {
            let message = opened.flatMap { sqlite_nio_sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "out of memory"
            sqlite_nio_sqlite3_close_v2(opened)
            throw SQLiteFailure(code: status, message: message)
        }
        // Errors say which constraint failed (a unique key, a foreign key), not only that one did.
        sqlite_nio_sqlite3_extended_result_codes(opened, 1)
        handle = opened
    }

    /// Finalizes the kept statements, closes the connection and ends its thread.
    func close() async {
        _ = try? await thread.run {
            for statement in self.statements.values { sqlite_nio_sqlite3_finalize(statement) }
            self.statements = [:]
            sqlite_nio_sqlite3_close_v2(self.handle)
            self.handle = nil
        }
        thread.stop()
    }

    /// A connection dropped without `close()` (a store never closed) still closes, and ends its thread: nothing else
    /// holds it, so nothing runs on it meanwhile.
    deinit {
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
        if let handle { sqlite_nio_sqlite3_close_v2(handle) }
        thread.stop()
    }

    /// How many statements this connection has compiled since it opened (for tests of the cache).
    func compiledStatements() async throws -> Int {
        try await thread.run { self.compiled }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        let (sql, binds) = serialize(query)
        let values = try binds.map { try encoder.encode($0) }
        if let level = queryLogLevel { logger.log(level: level, "\(sql) \(values)") }
        try await thread.run { try self.run(sql, values, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        let promise = eventLoop.makePromise(of: Void.self)
        promise.completeWithTask { try await self.execute(sql: query, onRow) }
        return promise.futureResult
    }

    // MARK: On the connection's thread

    private func run(_ sql: String, _ values: [SQLiteData], _ onRow: (any SQLRow) -> Void) throws {
        guard let handle else { throw StoreError.unavailable("the SQLite database is closed") }
        let statement = try prepared(sql, on: handle)
        defer {
            sqlite_nio_sqlite3_reset(statement)
            sqlite_nio_sqlite3_clear_bindings(statement)
        }
        for (index, value) in values.enumerated() {
            try check(bind(value, at: Int32(index + 1), to: statement), on: handle)
        }
        var columns: SQLiteColumnNames?
        while true {
            let status = sqlite_nio_sqlite3_step(statement)
            if status == SQLITE_DONE { return }
            guard status == SQLITE_ROW else { throw failure(status, on: handle) }
            let names = columns ?? SQLiteColumnNames(statement)
            columns = names
            onRow(SQLiteResultRow(columns: names, values: try row(of: statement, count: names.names.count), decoder: decoder))
        }
    }

    private func prepared(_ sql: String, on handle: OpaquePointer) throws -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        var statement: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let status = sql.withCString { text in
            let status = sqlite_nio_sqlite3_prepare_v3(handle, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, &tail)
            // A second statement after the first would be silently skipped: refuse it instead.
            if status == SQLITE_OK, let rest = tail, !String(cString: rest).allSatisfy({ $0.isWhitespace || $0 == ";" }) {
                return SQLITE_MISUSE
            }
            return status
        }
        guard status == SQLITE_OK, let statement else {
            if let statement { sqlite_nio_sqlite3_finalize(statement) }
            if status == SQLITE_MISUSE { throw SQLiteFailure(code: status, message: "more than one statement in one query: \(sql)") }
            throw failure(status, on: handle)
        }
        compiled += 1
        if statements.count >= Self.statementLimit {
            for kept in statements.values { sqlite_nio_sqlite3_finalize(kept) }
            statements = [:]
        }
        statements[sql] = statement
        return statement
    }

    private func bind(_ value: SQLiteData, at index: Int32, to statement: OpaquePointer) -> Int32 {
        switch value {
        case .integer(let number):
            sqlite_nio_sqlite3_bind_int64(statement, index, Int64(number))
        case .float(let number):
            sqlite_nio_sqlite3_bind_double(statement, index, number)
        case .text(let text):
            sqlite_nio_sqlite3_bind_text64(statement, index, text, UInt64(text.utf8.count), transient, UInt8(SQLITE_UTF8))
        case .blob(let bytes):
            bytes.withUnsafeReadableBytes {
                sqlite_nio_sqlite3_bind_blob64(statement, index, $0.baseAddress, UInt64($0.count), transient)
            }
        case .null:
            sqlite_nio_sqlite3_bind_null(statement, index)
        }
    }

    private func row(of statement: OpaquePointer, count: Int) throws -> [SQLiteData] {
        var values: [SQLiteData] = []
        values.reserveCapacity(count)
        for column in 0..<Int32(count) {
            switch sqlite_nio_sqlite3_column_type(statement, column) {
            case SQLITE_INTEGER:
                values.append(.integer(Int(sqlite_nio_sqlite3_column_int64(statement, column))))
            case SQLITE_FLOAT:
                values.append(.float(sqlite_nio_sqlite3_column_double(statement, column)))
            // The pointer first, then its length (SQLite's documented order: asking for the length first may
            // convert the value after it was measured).
            case SQLITE_TEXT:
                // NULL for a text value only when SQLite ran out of memory converting it.
                guard let text = sqlite_nio_sqlite3_column_text(statement, column) else {
                    throw SQLiteFailure(code: SQLITE_NOMEM, message: "out of memory reading a text column")
                }
                let length = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
                values.append(.text(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self)))
            case SQLITE_BLOB:
                let bytes = sqlite_nio_sqlite3_column_blob(statement, column)
                let length = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
                var buffer = ByteBufferAllocator().buffer(capacity: length)
                if let bytes { buffer.writeBytes(UnsafeRawBufferPointer(start: bytes, count: length)) }
                values.append(.blob(buffer))
            default:
                values.append(.null)
            }
        }
        return values
    }

    private func check(_ status: Int32, on handle: OpaquePointer) throws {
        guard status == SQLITE_OK else { throw failure(status, on: handle) }
    }

    private func failure(_ status: Int32, on handle: OpaquePointer) -> SQLiteFailure {
        SQLiteFailure(code: status, message: String(cString: sqlite_nio_sqlite3_errmsg(handle)))
    }
}

/// SQLite copies a bound value before the call returns (`SQLITE_TRANSIENT`).
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
