import VaporCSQLite

/// The column names of a statement's result, read once per run of the statement and shared by its rows.
final class SQLiteColumnNames: Sendable {
    let names: [String]

    init(_ statement: OpaquePointer) {
        names = (0..<sqlite_nio_sqlite3_column_count(statement)).map { column in
            sqlite_nio_sqlite3_column_name(statement, column).map { String(cString: $0) } ?? ""
        }
    }

    func index(of column: String) -> Int? {
        names.firstIndex(of: column)
    }
}
