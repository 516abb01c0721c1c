import Foundation
import PortvaktCore

/// An account with one or more staff roles.
public struct StaffMember: Sendable, Equatable {
    public var accountID: String
    public var email: String?
    public var name: String?
    public var roles: [StaffRole]
    /// When its first role was given.
    public var since: Date

    public init(accountID: String, email: String?, name: String?, roles: [StaffRole], since: Date) {
        self.accountID = accountID
        self.email = email
        self.name = name
        self.roles = roles
        self.since = since
    }
}
