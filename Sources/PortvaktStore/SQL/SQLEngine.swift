/// The database engine behind a backend, where the SQL they accept differs.
enum SQLEngine: Sendable {
    case sqlite
    case postgres

    /// Starts a write transaction. SQLite takes the write lock at once (no upgrade deadlocks between processes).
    var beginTransaction: String {
        switch self {
        case .sqlite: "BEGIN IMMEDIATE"
        case .postgres: "BEGIN"
        }
    }
}
