/// A refresh token to store beside something else in the same transaction: its digest and its record.
public struct RefreshTokenIssue: Sendable, Equatable {
    public var digest: [UInt8]
    public var record: RefreshTokenRecord

    public init(digest: [UInt8], record: RefreshTokenRecord) {
        self.digest = digest
        self.record = record
    }
}
