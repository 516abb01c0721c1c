import Foundation
import PortvaktCore

/// An authorization request waiting for the user to log in or consent, known to the browser only by `id`.
public struct PendingAuthorization: Sendable, Equatable {
    public var id: String
    public var request: AuthorizationRequest
    public var createdAt: Date
    public var expiresAt: Date
    public var consentGiven: Bool

    public init(id: String, request: AuthorizationRequest, createdAt: Date, expiresAt: Date, consentGiven: Bool = false) {
        self.id = id
        self.request = request
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.consentGiven = consentGiven
    }
}

/// The right a user (or a client itself) gave a client; every token issued from it can be revoked with it.
public struct Grant: Sendable, Equatable {
    public var id: String
    public var clientID: String
    public var accountID: String?
    public var scopes: [String]
    /// Claims the authorization request asked for by name for userinfo (OpenID Connect Core §5.5).
    public var userinfoClaims: [String]
    public var createdAt: Date
    public var revokedAt: Date?

    public init(
        id: String, clientID: String, accountID: String?, scopes: [String], userinfoClaims: [String] = [], createdAt: Date,
        revokedAt: Date? = nil
    ) {
        self.id = id
        self.clientID = clientID
        self.accountID = accountID
        self.scopes = scopes
        self.userinfoClaims = userinfoClaims
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

public struct AuthorizationCodeRecord: Sendable, Equatable, Codable {
    public var context: GrantContext
    public var redirectURI: String
    public var codeChallenge: String?
    public var createdAt: Date
    public var expiresAt: Date

    public init(context: GrantContext, redirectURI: String, codeChallenge: String?, createdAt: Date, expiresAt: Date) {
        self.context = context
        self.redirectURI = redirectURI
        self.codeChallenge = codeChallenge
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

public enum CodeRedemption: Sendable, Equatable {
    /// First use: the code is now spent.
    case redeemed(AuthorizationCodeRecord)
    /// The code was used before: the grant it made must be revoked.
    case reused(grantID: String)
    case unknown
}

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

public enum RefreshRotation: Sendable, Equatable {
    /// The old token is spent and the new one stored; here is the new one's record.
    case rotated(RefreshTokenRecord)
    /// The token had been rotated before: someone replays it, so its whole family must be revoked.
    case reused(grantID: String)
    case expired
    case unknown
}

/// Pending requests, grants, codes, refresh tokens and consents: the state of the authorization flows.
/// Single use is the store's guarantee: `consumeCode` and `rotateRefreshToken` succeed once per value.
public protocol AuthorizationStore: Sendable {
    func savePendingAuthorization(_ pending: PendingAuthorization) async throws
    /// The pending request, unless it expired.
    func pendingAuthorization(id: String, now: Date) async throws -> PendingAuthorization?
    func markConsentGiven(pendingID: String) async throws
    func deletePendingAuthorization(id: String) async throws

    func createGrant(_ grant: Grant) async throws
    func grant(id: String) async throws -> Grant?
    /// Revokes the grant and with it every code and token issued from it.
    func revokeGrant(id: String, at: Date) async throws

    func saveCode(digest: [UInt8], record: AuthorizationCodeRecord) async throws
    /// Spends a code atomically: of several concurrent redemptions exactly one gets `.redeemed`.
    func consumeCode(digest: [UInt8], now: Date) async throws -> CodeRedemption

    func saveRefreshToken(digest: [UInt8], record: RefreshTokenRecord) async throws
    /// Spends a refresh token and stores its successor atomically: of several concurrent uses exactly one
    /// gets `.rotated`.
    func rotateRefreshToken(digest: [UInt8], successorDigest: [UInt8], now: Date) async throws -> RefreshRotation
    /// The refresh token's record, whether or not it was rotated.
    func refreshToken(digest: [UInt8]) async throws -> (record: RefreshTokenRecord, rotated: Bool)?

    func consentedScopes(accountID: String, clientID: String) async throws -> Set<String>
    func saveConsent(accountID: String, clientID: String, scopes: [String], at: Date) async throws

    /// Records a client assertion's `jti`; false if the client used it before (RFC 7523 §3, replay).
    func useClientAssertionID(clientID: String, jti: String, expiresAt: Date, now: Date) async throws -> Bool
}
