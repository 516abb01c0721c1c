import Foundation
import PortvaktCore

/// Pending requests, grants, codes, refresh tokens and consents: the state of the authorization flows.
/// Single use is the store's guarantee: `consumeCode` and `rotateRefreshToken` succeed once per value.
public protocol AuthorizationStore: Sendable {
    func savePendingAuthorization(_ pending: PendingAuthorization) async throws
    /// The pending request, unless it expired.
    func pendingAuthorization(id: String, now: Date) async throws -> PendingAuthorization?
    /// Replaces the pending request's parameters (the business the user picked narrows its scope).
    func updatePendingRequest(id: String, request: AuthorizationRequest) async throws
    /// Records that the user of session `sid` approved the pending request.
    func markConsentGiven(pendingID: String, sid: String) async throws
    /// Removes the pending request; true only for the one caller that removed it (so a request completes once).
    @discardableResult
    func claimPendingAuthorization(id: String) async throws -> Bool

    func createGrant(_ grant: Grant) async throws
    func grant(id: String) async throws -> Grant?
    /// Revokes the grant and with it every code and token issued from it.
    func revokeGrant(id: String, at: Date) async throws
    /// Revokes every grant of the account, with their codes and refresh tokens (after a password reset).
    func revokeGrants(accountID: String, at: Date) async throws

    /// Stores a code, whose record carries the grant it makes when redeemed: the authorization endpoint's one write.
    /// False, and nothing stored, when the code's login session has ended or expired since it was read (a logout
    /// in another tab, a password reset), or the code names none: that ending would otherwise miss the code. Until it is redeemed, ending
    /// what the grant would belong to (its session unless it holds `offline_access`, the account's grants, its
    /// consent, its member's business scopes, grants made before a key's compromise) spends the code.
    @discardableResult
    func saveCode(digest: [UInt8], record: AuthorizationCodeRecord) async throws -> Bool
    /// Spends a code of `clientID` atomically: of several concurrent redemptions exactly one gets `.redeemed`.
    /// Another client's attempt finds nothing and spends nothing. A second use by the same client within ten
    /// minutes of the code's expiry is `.reused`. In the same transaction `accept` judges the redeemed record: if it
    /// accepts, the code's grant is created (`AuthorizationCodeRecord.grant(redeemedAt:)`) with the refresh token
    /// it returns, if any; if it refuses, no grant. The code is spent either way. A code whose grant already exists
    /// (stored beside it by a node before version 20 of the schema) and was revoked is `.unknown`.
    func consumeCode(
        digest: [UInt8], clientID: String, now: Date, accept: @escaping @Sendable (AuthorizationCodeRecord) -> CodeAcceptance
    ) async throws -> CodeRedemption

    func saveRefreshToken(digest: [UInt8], record: RefreshTokenRecord) async throws
    /// Spends a refresh token and stores its successor in one transaction: of several concurrent uses exactly
    /// one gets `.rotated`. `accept` sees the token's record first; if it throws, nothing changes and the error
    /// is rethrown (a token of another client, a wider scope). A token whose grant was revoked or is gone is
    /// `.revoked`, checked before reuse.
    func rotateRefreshToken(
        digest: [UInt8], successorDigest: [UInt8], now: Date, accept: @escaping @Sendable (RefreshTokenRecord) throws -> Void
    ) async throws -> RefreshRotation
    /// The refresh token's record, whether or not it was rotated.
    func refreshToken(digest: [UInt8]) async throws -> (record: RefreshTokenRecord, rotated: Bool)?

    func consentedScopes(accountID: String, clientID: String) async throws -> Set<String>
    /// The session whose cookie secret has this digest, as `SessionStore.activeSession` finds it, with the
    /// scopes its account approved for `clientID`, in one read. Its last activity moves to `now` only when `now`
    /// is a later second than the stored one (the precision it is stored at), so most calls write nothing.
    func authorizingSession(secretDigest: [UInt8], clientID: String, now: Date, idleTimeout: TimeInterval) async throws -> AuthorizingSession?
    func saveConsent(accountID: String, clientID: String, scopes: [String], at: Date) async throws
    /// The clients the account has remembered consent for ("Anslutna tjänster"), oldest first.
    func consents(accountID: String) async throws -> [RememberedConsent]
    /// Forgets the consent and ends the account's grants of that client, with their codes and refresh tokens, at
    /// once; false when there was no consent.
    func revokeConsent(accountID: String, clientID: String, at: Date) async throws -> Bool

    /// Records a client assertion's `jti`; false if the client used it before (RFC 7523 §3, replay).
    func useClientAssertionID(clientID: String, jti: String, expiresAt: Date, now: Date) async throws -> Bool

    /// Deletes what can no longer be used: expired pending requests, codes and refresh tokens, used assertion ids.
    func purgeExpired(now: Date) async throws
}

extension AuthorizationStore {
    /// Spends a code and makes its grant, storing no refresh token.
    public func consumeCode(digest: [UInt8], clientID: String, now: Date) async throws -> CodeRedemption {
        try await consumeCode(digest: digest, clientID: clientID, now: now, accept: { _ in .accepted(refreshToken: nil) })
    }

    /// Rotates a refresh token whatever its record says.
    public func rotateRefreshToken(digest: [UInt8], successorDigest: [UInt8], now: Date) async throws -> RefreshRotation {
        try await rotateRefreshToken(digest: digest, successorDigest: successorDigest, now: now, accept: { _ in })
    }

    /// How long after its expiry a spent code is still recognised as reused.
    public static var codeReuseWindow: TimeInterval { 600 }
}
