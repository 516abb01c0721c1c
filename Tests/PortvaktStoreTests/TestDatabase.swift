import Foundation
import Logging
import PortvaktCore
import PostgresNIO
import Testing

@testable import PortvaktStore

/// A backend the conformance suite runs on: SQLite always, PostgreSQL when PORTVAKT_TEST_POSTGRES_URL is set.
enum TestBackend: String, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    /// On CI PostgreSQL is never skipped: without its URL the PostgreSQL cases fail instead of vanishing.
    static var all: [TestBackend] {
        let environment = ProcessInfo.processInfo.environment
        return environment["PORTVAKT_TEST_POSTGRES_URL"] == nil && environment["CI"] != "true" ? [.sqlite] : [.sqlite, .postgres]
    }

    var testDescription: String { rawValue }
}

/// A fresh, empty database of its own for one test, dropped afterwards.
struct TestDatabase: Sendable {
    let location: DatabaseLocation
    private let drop: @Sendable () async -> Void

    static let logger = Logger(label: "portvakt.tests")

    /// Runs `body` with a new database on `backend`, then removes it.
    static func with<T>(_ backend: TestBackend, _ body: (TestDatabase) async throws -> T) async throws -> T {
        let database = try await make(backend)
        do {
            let result = try await body(database)
            await database.drop()
            return result
        } catch {
            await database.drop()
            throw error
        }
    }

    /// Opens a store on this database; the caller closes it.
    func open() async throws -> SQLStore {
        try await SQLStore.open(location, logger: Self.logger)
    }

    /// Opens a migrated store, runs `body`, closes it.
    func withStore<T>(_ body: (SQLStore) async throws -> T) async throws -> T {
        let store = try await open()
        do {
            _ = try await store.migrate()
            let result = try await body(store)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }

    /// Opens `count` stores on this database (as `count` nodes would), runs `body`, closes them all.
    func withStores<T>(_ count: Int, _ body: ([SQLStore]) async throws -> T) async throws -> T {
        var stores: [SQLStore] = []
        do {
            for _ in 0..<count { stores.append(try await open()) }
            let result = try await body(stores)
            for store in stores { await store.close() }
            return result
        } catch {
            for store in stores { await store.close() }
            throw error
        }
    }

    private static func make(_ backend: TestBackend) async throws -> TestDatabase {
        switch backend {
        case .sqlite:
            let folder = NSTemporaryDirectory() + "portvakt-test-\(UUID().uuidString)"
            return TestDatabase(location: .sqlite(path: folder + "/portvakt.sqlite")) {
                try? FileManager.default.removeItem(atPath: folder)
            }
        case .postgres:
            let url = try #require(ProcessInfo.processInfo.environment["PORTVAKT_TEST_POSTGRES_URL"])
            guard case .postgres(let admin) = try DatabaseLocation.parse(url).get() else {
                throw StoreError.unavailable("PORTVAKT_TEST_POSTGRES_URL is not a postgres URL")
            }
            let name = "pvt_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            try await adminQuery(admin, "CREATE DATABASE \(name)")
            var location = admin
            location.database = name
            return TestDatabase(location: .postgres(location)) {
                try? await adminQuery(admin, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            }
        }
    }

    private static func adminQuery(_ admin: DatabaseLocation.PostgresLocation, _ sql: String) async throws {
        let connection = try await PostgresConnection.connect(
            configuration: .init(
                host: admin.host, port: admin.port, username: admin.username, password: admin.password,
                database: admin.database, tls: .disable),
            id: 1, logger: logger)
        do {
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
