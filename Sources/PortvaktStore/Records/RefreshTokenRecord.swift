import Foundation
import PortvaktCore

public struct RefreshTokenRecord: Sendable, Equatable, Codable {
    public var context: GrantContext
    public var createdAt: Date
    /// The family's absolute end; rotation does not extend it.
    public var expiresAt: Date

    public init(context: GrantContext, createdAt: Date, expiresAt: Date) {
        self.context = context
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
