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

public enum LinkOutcome: Equatable, Sendable {
    /// The account is the business's first administrator.
    case linked
    /// The business has an administrator already: access goes through invitations.
    case hasAdministrator
    case unknownBusiness
    /// (Link tokens) unknown, used, expired, or asked for by another account.
    case invalidToken
}

public enum MembershipChange: Equatable, Sendable {
    case done
    /// Refused: the business would be left without an administrator.
    case lastAdministrator
    case notMember
}

public enum InvitationAcceptance: Equatable, Sendable {
    case accepted(customerNumber: String, role: BusinessRole)
    /// Unknown, used, revoked or expired.
    case invalid
    /// The account's verified address is not the invited one.
    case wrongAddress
}

/// Businesses, their members and the ways in. The rules that races could break are the store's: exactly one
/// first administrator, single-use link and invitation tokens, and never a business without an administrator.
public protocol BusinessStore: Sendable {
    /// Adds or updates a business of the register. An existing business keeps its PIN hash (and a retired PIN
    /// stays retired). Returns true when it was new.
    @discardableResult
    func saveBusiness(_ business: Business) async throws -> Bool
    func business(customerNumber: String) async throws -> Business?
    func businesses() async throws -> [Business]

    /// Makes `accountID` the business's administrator if it has none yet; of concurrent attempts exactly one wins.
    func linkFirstAdministrator(customerNumber: String, accountID: String, at: Date) async throws -> LinkOutcome
    /// Activates the business and retires its legacy PIN for good. False when it was already active.
    func activateBusiness(customerNumber: String, at: Date) async throws -> Bool

    /// The account's businesses and its role in each.
    func memberships(accountID: String) async throws -> [(business: Business, role: BusinessRole)]
    /// The account's activated businesses and its role in each, by customer number: the businesses it can act for
    /// and that the business claims list.
    func activeMemberships(accountID: String) async throws -> [ActiveMembership]
    func members(customerNumber: String) async throws -> [Member]
    func changeRole(customerNumber: String, accountID: String, to role: BusinessRole) async throws -> MembershipChange
    func removeMember(customerNumber: String, accountID: String) async throws -> MembershipChange

    /// A link mailed to the business's registered address, bound to the account that asked.
    func saveLinkToken(digest: [UInt8], customerNumber: String, accountID: String, expiresAt: Date) async throws
    /// Spends the token (once) and links its account as first administrator.
    func redeemLinkToken(digest: [UInt8], accountID: String, now: Date) async throws -> (outcome: LinkOutcome, customerNumber: String?)

    func createInvitation(_ invitation: Invitation, tokenDigest: [UInt8]) async throws
    func invitations(customerNumber: String) async throws -> [Invitation]
    /// A new token and seven more days for a pending invitation; false when it is not pending.
    func renewInvitation(id: String, customerNumber: String, tokenDigest: [UInt8], expiresAt: Date, now: Date) async throws -> Bool
    func revokeInvitation(id: String, customerNumber: String, at: Date) async throws -> Bool
    /// Accepts once: the account must have `email` as its verified address.
    func acceptInvitation(tokenDigest: [UInt8], accountID: String, verifiedEmail: String?, now: Date) async throws -> InvitationAcceptance
    /// The invitation a token opens, if pending.
    func invitation(tokenDigest: [UInt8], now: Date) async throws -> Invitation?
}
