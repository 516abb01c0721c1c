import Logging
import PortvaktCore
import SQLKit

/// The store on SQL: one SQLKit code path, on SQLite or PostgreSQL.
public final class SQLStore: Sendable {
    let backend: any SQLBackend
    let logger: Logger

    init(backend: any SQLBackend, logger: Logger) {
        self.backend = backend
        self.logger = logger
    }

    /// Opens the database at `location`. Does not migrate: call `migrate()`.
    /// - Parameter poolSize: the most connections opened (PostgreSQL), or read-only connections opened beside the
    ///   one writer (SQLite); `database_pool_size` in the configuration.
    /// - Throws: `StoreError.unavailable` with the reason when the database cannot be opened or reached.
    public static func open(_ location: DatabaseLocation, poolSize: Int = Configuration.defaultDatabasePoolSize, logger: Logger) async throws -> SQLStore {
        switch location {
        case .sqlite(let path):
            return SQLStore(backend: try await SQLiteBackend.open(path: path, readers: poolSize, logger: logger), logger: logger)
        case .postgres(let postgres):
            return SQLStore(backend: try await PostgresBackend.open(postgres, poolSize: poolSize, logger: logger), logger: logger)
        }
    }
}
