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
    private let outage = OutageWindow(length: .seconds(2))
    private let watch = ConnectionWatch()

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

    /// How long a unit of work waits for a connection before the store counts as unavailable. The pool keeps
    /// trying to connect in the background; without a bound, every request would hang while the database is down.
    static let leaseTimeout = Duration.seconds(5)

    /// Runs `body` on a pooled connection, bounded for an outage.
    ///
    /// - The wait for a connection is bounded by `leaseTimeout`; after one such timeout, work fails at once for a
    ///   moment (`OutageWindow`), so that requests do not pile up while the database is down or overloaded.
    /// - Work that has its connection runs to its end (a transaction must reach its COMMIT or ROLLBACK), unless
    ///   that connection closes first: a statement in flight when the database went away may never be answered by
    ///   PostgresNIO, and the server has ended the transaction, so the work is abandoned and the caller hears
    ///   `StoreError.unavailable`. Nothing it did was committed, unless the connection closed in the instant
    ///   between the COMMIT's answer and the work's return.
    func withSession<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        guard !outage.isOpen else {
            throw StoreError.unavailable("PostgreSQL gave no connection within \(Self.leaseTimeout) moments ago")
        }
        let deadline = LeaseDeadline()
        do {
            return try await withCheckedThrowingContinuation { continuation in
                let outcome = ResumeOnce(continuation)
                // Unstructured, so that it is neither cancelled with its caller midway nor awaited when abandoned.
                let work = Task { [client, watch] in
                    try await client.withConnection { connection in
                        guard deadline.start() else { throw CancellationError() }
                        watch.begin(connection, deadline: deadline) {
                            outcome.resume(with: .failure(StoreError.unavailable("the connection to PostgreSQL closed while the work ran")))
                        }
                        // Settled before the lease goes back: the pool may close the connection afterwards.
                        defer {
                            _ = deadline.finish()
                            watch.end(connection)
                        }
                        return try await body(connection.sql())
                    }
                }
                let watchdog = Task { [outage] in
                    try await Task.sleep(for: Self.leaseTimeout)
                    if deadline.expire() {
                        outage.open()
                        // The caller hears this first: cancelling the wait makes the work fail with the pool's own
                        // "request cancelled", which must not be the answer.
                        outcome.resume(with: .failure(StoreError.unavailable("no connection to PostgreSQL within \(Self.leaseTimeout)")))
                        work.cancel()
                    }
                }
                Task {
                    let result = await work.result
                    watchdog.cancel()
                    // Dropped if the caller has been answered already (the wait ran out, or the work was abandoned).
                    outcome.resume(with: result)
                }
            }
        } catch let error as PSQLError where Self.isDisconnection(error) {
            throw StoreError.unavailable("the connection to PostgreSQL failed: \(Self.describe(error))")
        }
    }

    func isDisconnection(_ error: any Error) -> Bool {
        (error as? PSQLError).map(Self.isDisconnection) ?? false
    }

    /// Errors that say the database cannot be reached, not that a statement was wrong.
    private static func isDisconnection(_ error: PSQLError) -> Bool {
        [.connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed].contains(error.code)
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
