import Foundation
import Logging
import SQLKit
import Testing

@testable import PortvaktStore

/// The pool of SQLite readers: a caller waiting for a connection is turned away when the pool closes, instead of
/// waiting for ever.
@Suite struct SQLiteReaderPoolTests {
    @Test func callersWaitingForAReaderAreTurnedAwayWhenThePoolCloses() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portvakt-readers-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/test.sqlite"
        let logger = Logger(label: "portvakt.tests")
        let writer = try await SQLiteDirectConnection.open(path: path, threadName: "SQLite test", logger: logger)
        try await writer.raw("CREATE TABLE item (id INTEGER PRIMARY KEY)").run()
        await writer.close()

        let pool = SQLiteReaderPool(path: path, limit: 1, logger: logger)
        let (held, holding) = AsyncStream.makeStream(of: Void.self)
        let (released, releasing) = AsyncStream.makeStream(of: Void.self)
        let first = Task {
            try await pool.withReader { db in
                try await db.raw("SELECT count(*) AS n FROM item").run()
                holding.yield()
                for await _ in released { break }
                return 1
            }
        }
        for await _ in held { break }
        // The one connection is taken: this caller waits (or, if it comes after the close, is refused at once).
        let second = Task { try await pool.withReader { _ in 2 } }
        await Task.yield()
        await pool.close()
        await #expect(throws: StoreError.self) { try await second.value }
        releasing.yield()
        #expect(try await first.value == 1)
        await #expect(throws: StoreError.self) { try await pool.withReader { _ in 3 } }
    }
}
