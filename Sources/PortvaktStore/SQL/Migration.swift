import SQLKit

/// One versioned step of the schema. Versions only grow; a released migration is never edited.
struct Migration: Sendable {
    let version: Int
    let name: String
    let apply: @Sendable (any SQLDatabase) async throws -> Void
}
