import Logging
import PortvaktCore
import PortvaktStore

/// Opens the configured store, applies pending migrations, runs `body`, and closes the store again,
/// whether `body` succeeds or not.
func withStore<T>(
    _ configuration: Configuration, migrate: Bool = true, _ body: (SQLStore) async throws -> T
) async throws -> T {
    let logger = LogSetup.logger(level: "warning")
    let store: SQLStore
    do {
        store = try await SQLStore.open(configuration.database, poolSize: configuration.databasePoolSize, logger: logger)
    } catch {
        throw CLIError("database_url: \(error)")
    }
    do {
        if migrate {
            _ = try await store.migrate()
        }
        let result = try await body(store)
        await store.close()
        return result
    } catch {
        await store.close()
        throw error
    }
}
