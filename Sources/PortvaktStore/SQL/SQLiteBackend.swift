import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging
import SQLKit

/// SQLite in WAL mode with `synchronous = NORMAL`: one writer connection per process, used by one unit of work
/// at a time (so every transaction and conditional update stays atomic), and a pool of read-only connections
/// that run beside it. Other processes (the CLI beside a running server) wait for the file lock up to the busy
/// timeout.
final class SQLiteBackend: SQLBackend {
    let engine = SQLEngine.sqlite
    /// On its own thread: SQLite blocks its thread while it waits for another process's lock (busy_timeout).
    private let connection: SQLiteDirectConnection
    /// Nil for an in-memory database, which a second connection would not see: reads then use the writer.
    private let readers: SQLiteReaderPool?
    private let lock = AsyncLock()

    private init(connection: SQLiteDirectConnection, readers: SQLiteReaderPool?) {
        self.connection = connection
        self.readers = readers
    }

    /// - Parameter readers: the most read-only connections opened beside the writer.
    static func open(path: String, readers: Int, logger: Logger) async throws -> SQLiteBackend {
        if path != ":memory:" {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            do {
                // The database holds sealed keys and token digests: its folder is the owner's alone.
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw StoreError.unavailable("cannot create the folder \(directory) for the SQLite database: \(error.localizedDescription)")
            }
            try restrictFiles(path)
        }
        let connection: SQLiteDirectConnection
        do {
            connection = try await SQLiteDirectConnection.open(path: path, threadName: "SQLite writer", logger: logger) { db in
                if path != ":memory:" {
                    // Switching a new file to WAL needs a moment alone with it; SQLite does not wait for that
                    // through busy_timeout, so processes starting at once retry here.
                    for attempt in 1...50 {
                        do {
                            try await db.raw("PRAGMA journal_mode = WAL").run()
                            break
                        } catch let error as SQLiteFailure where error.isBusy && attempt < 50 {
                            try await Task.sleep(for: .milliseconds(100))
                        }
                    }
                    try await db.raw("PRAGMA synchronous = NORMAL").run()
                }
                try await db.raw("PRAGMA foreign_keys = ON").run()
                // Deleted content (a removed key's sealed private part) is overwritten, not left in free pages.
                try await db.raw("PRAGMA secure_delete = ON").run()
            }
        } catch {
            throw StoreError.unavailable("cannot open the SQLite database \(path): \(error)")
        }
        let pool = path == ":memory:" ? nil : SQLiteReaderPool(path: path, limit: readers, logger: logger)
        return SQLiteBackend(connection: connection, readers: pool)
    }

    /// The database file is made, empty, before SQLite opens it, readable and writable by the owner alone (0600),
    /// and an existing one is made so, before anything is written; SQLite gives the `-wal` and `-shm` files the
    /// database file's permissions, and any left from before are made 0600 too. No umask is changed: it is the
    /// whole process's.
    private static func restrictFiles(_ path: String) throws {
        let files = FileManager.default
        // O_EXCL: a node starting at the same moment may have made the file (and SQLite may be writing to it)
        // since; it is never replaced. (FileManager.createFile writes a new file and renames it over the old one.)
        #if canImport(Glibc)
        let descriptor = Glibc.open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if descriptor >= 0 { Glibc.close(descriptor) }
        #else
        let descriptor = Darwin.open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if descriptor >= 0 { Darwin.close(descriptor) }
        #endif
        if descriptor < 0, errno != EEXIST {
            throw StoreError.unavailable("cannot create the SQLite database \(path): \(String(cString: strerror(errno)))")
        }
        for file in [path, path + "-wal", path + "-shm"] where files.fileExists(atPath: file) {
            do {
                try files.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
            } catch {
                throw StoreError.unavailable("cannot make \(file) readable by its owner only: \(error.localizedDescription)")
            }
        }
    }

    func withSession<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        do {
            return try await lock.withLock { try await connection.withSession(body) }
        } catch let error as SQLiteFailure where error.isUnusable {
            throw StoreError.unavailable("the SQLite database cannot be used: \(error)")
        }
    }

    func withReader<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        guard let readers else { return try await withSession(body) }
        do {
            return try await readers.withReader(body)
        } catch let error as SQLiteFailure where error.isUnusable {
            throw StoreError.unavailable("the SQLite database cannot be read: \(error)")
        }
    }

    func isBusy(_ error: any Error) -> Bool {
        (error as? SQLiteFailure)?.isBusy ?? false
    }

    /// The connection is a file handle in this process: it is never gone while the backend is open.
    func isDisconnection(_ error: any Error) -> Bool { false }

    func isUniqueViolation(_ error: any Error) -> Bool {
        (error as? SQLiteFailure)?.isUniqueViolation ?? false
    }

    func close() async {
        await readers?.close()
        await connection.close()
    }
}
