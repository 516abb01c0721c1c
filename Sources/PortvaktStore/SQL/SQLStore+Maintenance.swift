import Foundation
import PortvaktCore
import SQLKit

extension SQLStore: StoreMaintenance {
    /// An arbitrary constant naming Portvakt's migration lock among PostgreSQL advisory locks.
    private static let migrationLockKey: Int64 = 0x706f_7274_7661_6b74  // "portvakt"

    public func migrate() async throws -> [AppliedMigration] {
        // Several processes starting at once on one SQLite file take turns; one that waited past the busy
        // timeout tries again rather than failing the start (the migration is one transaction, so a retry is safe).
        for attempt in 1...5 {
            do {
                return try await migrateOnce()
            } catch let error where backend.isBusy(error) && attempt < 5 {
                logger.notice("the database is busy; retrying the migrations (attempt \(attempt + 1) of 5)")
                try await Task.sleep(for: .milliseconds(200 * attempt))
            }
        }
        return try await migrateOnce()
    }

    private func migrateOnce() async throws -> [AppliedMigration] {
        let engine = backend.engine
        let lockKey = Self.migrationLockKey
        let logger = self.logger
        return try await backend.withTransaction { db in
            if engine == .postgres {
                // Serializes concurrent migrators on several nodes until this transaction ends.
                try await db.raw("SELECT pg_advisory_xact_lock(\(bind: lockKey))").run()
            }
            try await db.create(table: "schema_migrations").ifNotExists()
                .column("version", type: .bigint, .primaryKey(autoIncrement: false))
                .column("name", type: .text, .notNull)
                .column("applied_at", type: .bigint, .notNull)
                .run()
            let done = Set(try await db.select().column("version").from("schema_migrations").all(decodingColumn: "version", as: Int.self))
            var applied: [AppliedMigration] = []
            for migration in Migrations.all where !done.contains(migration.version) {
                logger.info("applying migration \(migration.version): \(migration.name)")
                try await migration.apply(db)
                try await db.insert(into: "schema_migrations")
                    .columns("version", "name", "applied_at")
                    .values(SQLBind(migration.version), SQLBind(migration.name), SQLBind(Timestamp.seconds(Date())))
                    .run()
                applied.append(AppliedMigration(version: migration.version, name: migration.name))
            }
            if let newest = done.max(), newest > (Migrations.all.last?.version ?? 0) {
                throw StoreError.corrupt("the database has schema version \(newest), newer than this Portvakt knows; upgrade Portvakt")
            }
            return applied
        }
    }

    public func appliedMigrations() async throws -> [AppliedMigration] {
        let engine = backend.engine
        return try await backend.withSession { db in
            let exists = try await Self.tableExists("schema_migrations", engine: engine, db)
            guard exists else { return [] }
            return try await db.select().columns("version", "name").from("schema_migrations").orderBy("version").all()
                .map { AppliedMigration(version: try $0.decode(column: "version", as: Int.self), name: try $0.decode(column: "name", as: String.self)) }
        }
    }

    public func pendingMigrations() async throws -> [AppliedMigration] {
        let done = Set(try await appliedMigrations().map(\.version))
        return Migrations.all.filter { !done.contains($0.version) }.map { AppliedMigration(version: $0.version, name: $0.name) }
    }

    public func ping() async throws {
        try await backend.withSession { db in
            _ = try await db.raw("SELECT 1 AS one").first()
        }
    }

    public func close() async {
        await backend.close()
    }

    private static func tableExists(_ name: String, engine: SQLEngine, _ db: any SQLDatabase) async throws -> Bool {
        let query: SQLQueryString
        switch engine {
        case .sqlite: query = "SELECT name FROM sqlite_master WHERE type = 'table' AND name = \(bind: name)"
        case .postgres: query = "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename = \(bind: name)"
        }
        return try await db.raw(query).first() != nil
    }
}
