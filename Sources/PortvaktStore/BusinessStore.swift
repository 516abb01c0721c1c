import Foundation
import PortvaktCore

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
    /// Removes a member unless they are the business's last administrator, and in the same transaction ends their
    /// grants that carried `memberships` or this business (the next refresh would otherwise still name it), telling
    /// each client with a back-channel logout URI.
    func removeMember(customerNumber: String, accountID: String, at: Date) async throws -> MembershipChange

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
    /// The invitation a token belongs to, in whatever state (used, revoked, expired), so its page can say which.
    func invitation(anyStateTokenDigest: [UInt8]) async throws -> Invitation?
}
