import Logging
import NIOSSL
import PortvaktCore
import PostgresKit
import PostgresNIO
import SQLKit

/// PostgreSQL through a connection pool. Several Portvakt nodes may share the database.
final class PostgresBackend: SQLBackend {
    let engine = SQLEngine.postgres
    private let client: PostgresClient
    private let runner: Task<Void, Never>

    private init(client: PostgresClient, runner: Task<Void, Never>) {
        self.client = client
        self.runner = runner
    }

    /// - Parameter poolSize: the most connections this node opens.
    static func open(_ location: DatabaseLocation.PostgresLocation, poolSize: Int, logger: Logger) async throws -> PostgresBackend {
        let tls: PostgresClient.Configuration.TLS
        let connectionTLS: PostgresConnection.Configuration.TLS
        switch location.tls {
        case .disable:
            tls = .disable
            connectionTLS = .disable
        case .require:
            let context = try NIOSSLContext(configuration: .makeClientConfiguration())
            tls = .require(.makeClientConfiguration())
            connectionTLS = .require(context)
        }
        // One direct connection first, so that an unreachable database or wrong password is reported at once
        // with its reason, instead of the pool retrying in the background.
        do {
            let probe = try await PostgresConnection.connect(
                configuration: .init(
                    host: location.host, port: location.port, username: location.username,
                    password: location.password, database: location.database, tls: connectionTLS),
                id: 0, logger: logger)
            try await probe.close()
        } catch {
            throw StoreError.unavailable("cannot connect to \(DatabaseLocation.postgres(location)): \(describe(error))")
        }
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.username, password: location.password,
            database: location.database, tls: tls)
        configuration.options.maximumConnections = max(1, poolSize)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let runner = Task { await client.run() }
        return PostgresBackend(client: client, runner: runner)
    }

    func withSession<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await body(connection.sql())
        }
    }

    func isBusy(_ error: any Error) -> Bool { false }

    func isUniqueViolation(_ error: any Error) -> Bool {
        (error as? PSQLError)?.serverInfo?[.sqlState] == PostgresError.Code.uniqueViolation.raw
    }

    func close() async {
        runner.cancel()
        _ = await runner.value
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return "\(underlying)" }
            return "\(error.code)"
        }
        return "\(error)"
    }
}
