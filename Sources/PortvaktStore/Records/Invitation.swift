import Foundation
import PortvaktCore

/// An invitation to join a business, by e-mail address and with a role. Its link's token is kept as a digest.
public struct Invitation: Sendable, Equatable {
    public enum State: String, Sendable { case pending, accepted, expired, revoked }

    public var id: String
    public var customerNumber: String
    public var email: String
    public var role: BusinessRole
    public var invitedBy: String
    public var createdAt: Date
    public var expiresAt: Date
    public var acceptedAt: Date?
    public var acceptedBy: String?
    public var revokedAt: Date?

    public init(
        id: String, customerNumber: String, email: String, role: BusinessRole, invitedBy: String, createdAt: Date, expiresAt: Date,
        acceptedAt: Date? = nil, acceptedBy: String? = nil, revokedAt: Date? = nil
    ) {
        self.id = id
        self.customerNumber = customerNumber
        self.email = email
        self.role = role
        self.invitedBy = invitedBy
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.acceptedAt = acceptedAt
        self.acceptedBy = acceptedBy
        self.revokedAt = revokedAt
    }

    public func state(now: Date) -> State {
        if acceptedAt != nil { return .accepted }
        if revokedAt != nil { return .revoked }
        return now < expiresAt ? .pending : .expired
    }
}
