import Foundation
import PortvaktCore
import PortvaktCrypto
import PortvaktStore

/// The membership changes the console and the JSON API both make, in one place: sending an invitation (with its
/// hourly limit and its mail), sending it again, and removing a member (with the end of their business tokens).
/// Callers check the caller's role and write their own audit record.
struct MembershipActions<Store: AccountStore & AuthorizationStore & BusinessStore & CredentialStore & RateLimitStore>: Sendable {
    let store: Store
    let mail: MailQueue
    let issuer: String
    let now: @Sendable () -> Date

    static var invitationLifetime: TimeInterval { 7 * 86_400 }
    /// How many invitations one administrator may send in an hour (`Limits.invitationsPerInviter`).
    static var invitationsPerHour: Int { Limits.invitationsPerInviter.budget ?? 0 }

    /// Creates and mails an invitation; nil when `inviter` has sent as many as an hour allows.
    func invite(business: Business, email: String, role: BusinessRole, by inviter: String) async throws -> Invitation? {
        let limit = Limits.invitationsPerInviter
        guard try await store.claim(key: limit.key(inviter), limit: limit, now: now()).isAllowed else { return nil }
        let token = RandomToken.generate()
        let now = now()
        let invitation = Invitation(
            id: RandomToken.generate(bits: 96), customerNumber: business.customerNumber, email: email, role: role, invitedBy: inviter,
            createdAt: now, expiresAt: now.addingTimeInterval(Self.invitationLifetime))
        try await store.createInvitation(invitation, tokenDigest: Digest.sha256(token))
        try await mailInvitation(invitation, business: business, token: token)
        return invitation
    }

    /// A new link and seven more days for a pending invitation, mailed again; false when it is not pending.
    func resend(id: String, business: Business) async throws -> Bool {
        let token = RandomToken.generate()
        let now = now()
        guard try await store.renewInvitation(
            id: id, customerNumber: business.customerNumber, tokenDigest: Digest.sha256(token),
            expiresAt: now.addingTimeInterval(Self.invitationLifetime), now: now),
            let invitation = try await store.invitations(customerNumber: business.customerNumber).first(where: { $0.id == id })
        else { return false }
        try await mailInvitation(invitation, business: business, token: token)
        return true
    }

    /// The invitation mail, in the invited person's language when they have an account, else Swedish with an
    /// English line.
    private func mailInvitation(_ invitation: Invitation, business: Business, token: String) async throws {
        let recipient = try await store.account(email: invitation.email)
        let language = MailLanguage.of(locale: recipient?.locale, hasAccount: recipient != nil)
        try await mail.enqueue(
            to: MailAddress(address: invitation.email),
            text: .written(in: language) { language in
                .invitation(
                    business: business.name, role: invitation.role.label(language),
                    link: "\(issuer)\(InvitationLink.path(token))", language: language, ui: mail.ui)
            },
            now: now())
    }

    /// Removes a member unless they are the last administrator; their grants that carried the memberships or this
    /// business end in the same transaction (`BusinessStore.removeMember`).
    func remove(customerNumber: String, accountID: String) async throws -> MembershipChange {
        try await store.removeMember(customerNumber: customerNumber, accountID: accountID, at: now())
    }
}
