/// A migration that has been applied to a database.
public struct AppliedMigration: Sendable, Equatable {
    public var version: Int
    public var name: String
}
