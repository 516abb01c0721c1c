import Foundation
import PortvaktCore

/// A member of a business, with what the member pages show.
public struct Member: Sendable, Equatable {
    public var accountID: String
    public var role: BusinessRole
    public var email: String?
    public var name: String?
    public var since: Date

    public init(accountID: String, role: BusinessRole, email: String?, name: String?, since: Date) {
        self.accountID = accountID
        self.role = role
        self.email = email
        self.name = name
        self.since = since
    }
}
