import VaporCSQLite

/// An error from SQLite: its extended result code and its message.
struct SQLiteFailure: Error, CustomStringConvertible {
    let code: Int32
    let message: String

    /// The primary result code (`SQLITE_BUSY` for `SQLITE_BUSY_TIMEOUT`, …).
    var primary: Int32 { code & 0xFF }

    var description: String { "SQLite error \(code): \(message)" }

    /// Busy, or the WAL locking protocol's transient refusal (`SQLITE_PROTOCOL`): worth another try.
    var isBusy: Bool { primary == SQLITE_BUSY || primary == SQLITE_PROTOCOL }

    /// A unique key or a primary key already taken (not another constraint, such as a foreign key).
    var isUniqueViolation: Bool { code == Self.uniqueConstraint || code == Self.primaryKeyConstraint }

    // Extended codes are C macros that Swift does not import: SQLITE_CONSTRAINT | (8 << 8) and | (6 << 8).
    private static let uniqueConstraint = SQLITE_CONSTRAINT | (8 << 8)
    private static let primaryKeyConstraint = SQLITE_CONSTRAINT | (6 << 8)

    /// The file cannot be read or written (a full or failing disk, a file made read-only or removed), as opposed
    /// to a statement that was wrong.
    var isUnusable: Bool {
        [SQLITE_READONLY, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_NOTADB].contains(primary)
    }
}
