import Foundation
import Logging
import SQLKit
import Testing

@testable import PortvaktStore

/// The SQLite connection under the store: statements kept prepared and run on the connection's own thread, and
/// errors that say what failed, on a file of its own.
@Suite struct SQLiteDirectConnectionTests {
    private static func withConnection(_ body: (SQLiteDirectConnection) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portvakt-direct-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let connection = try await SQLiteDirectConnection.open(
            path: folder + "/test.sqlite", threadName: "SQLite test", logger: Logger(label: "portvakt.tests"))
        do {
            try await connection.withSession { db in
                try await db.raw("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, data BLOB, score REAL)").run()
            }
            try await body(connection)
            await connection.close()
        } catch {
            await connection.close()
            throw error
        }
    }

    @Test func aStatementRunAgainIsNotCompiledAgain() async throws {
        try await Self.withConnection { connection in
            let before = try await connection.compiledStatements()
            try await connection.withSession { db in
                for number in 1...50 {
                    try await db.insert(into: "item").columns("id", "name").values(SQLBind(number), SQLBind("item \(number)")).run()
                }
            }
            // One INSERT shape, fifty runs: compiled once.
            #expect(try await connection.compiledStatements() == before + 1)
            let count = try await connection.withSession { db in
                try await db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("item").first()?.decode(column: "n", as: Int.self)
            }
            #expect(count == 50)
        }
    }

    @Test func theCacheIsBoundedAndStillAnswersPastIt() async throws {
        try await Self.withConnection { connection in
            try await connection.withSession { db in
                // More distinct statements than are kept: each still runs and answers rightly.
                for number in 1...(SQLiteDirectConnection.statementLimit + 20) {
                    let row = try await db.raw("SELECT \(unsafeRaw: String(number)) AS n").first()
                    #expect(try row?.decode(column: "n", as: Int.self) == number)
                }
            }
        }
    }

    @Test func statementsRunOnTheConnectionsOwnThread() async throws {
        try await Self.withConnection { connection in
            #expect(!connection.thread.isCurrent)
            let onThread = try await connection.thread.run { connection.thread.isCurrent }
            #expect(onThread)
        }
    }

    @Test func valuesComeBackAsTheyWentIn() async throws {
        try await Self.withConnection { connection in
            let bytes: [UInt8] = [0, 1, 2, 255, 0]
            let text = "Åsa Ängström \u{1F600} med\0nolla"
            let row = try await connection.withSession { db in
                try await db.insert(into: "item").columns("id", "name", "data", "score")
                    .values(SQLBind(7), SQLBind(text), SQLBind(Data(bytes)), SQLBind(2.5)).run()
                return try await db.select().columns("name", "data", "score").from("item").where("id", .equal, SQLBind(7)).first()
            }
            let found = try #require(row)
            #expect(try found.decode(column: "name", as: String.self) == text)
            #expect(try found.decode(column: "data", as: Data.self) == Data(bytes))
            #expect(try found.decode(column: "score", as: Double.self) == 2.5)
            #expect(found.allColumns == ["name", "data", "score"])
            #expect(throws: DecodingError.self) { try found.decode(column: "missing", as: String.self) }
        }
    }

    @Test func errorsSayWhatFailedAndTheConnectionGoesOn() async throws {
        try await Self.withConnection { connection in
            try await connection.withSession { db in
                try await db.insert(into: "item").columns("id", "name").values(SQLBind(1), SQLBind("one")).run()
                do {
                    try await db.insert(into: "item").columns("id", "name").values(SQLBind(2), SQLBind("one")).run()
                    Issue.record("a taken unique name was accepted")
                } catch let failure as SQLiteFailure {
                    #expect(failure.isUniqueViolation)
                }
                do {
                    try await db.raw("INSERT INTO item (id, name) VALUES (3, NULL)").run()
                    Issue.record("a NULL name was accepted")
                } catch let failure as SQLiteFailure {
                    // NOT NULL is a constraint, but not a taken key.
                    #expect(!failure.isUniqueViolation)
                }
                await #expect(throws: SQLiteFailure.self) { try await db.raw("SELEC 1").run() }
                // Two statements in one query would run only the first: refused.
                await #expect(throws: SQLiteFailure.self) { try await db.raw("DELETE FROM item; DELETE FROM item").run() }
                let names = try await db.select().column("name").from("item").all().map { try $0.decode(column: "name", as: String.self) }
                #expect(names == ["one"])
            }
        }
    }

    @Test func aClosedConnectionRefusesWorkWithoutCrashing() async throws {
        let connection = try await SQLiteDirectConnection.open(
            path: ":memory:", threadName: "SQLite test", logger: Logger(label: "portvakt.tests"))
        await connection.close()
        await #expect(throws: StoreError.self) {
            try await connection.withSession { db in try await db.raw("SELECT 1").run() }
        }
        let sql: any SQLDatabase = connection
        await #expect(throws: StoreError.self) { try await sql.raw("SELECT 1").run() }
    }
}
