import Foundation
import PortvaktCore

/// The right a user (or a client itself) gave a client; every token issued from it can be revoked with it.
public struct Grant: Sendable, Equatable {
    public var id: String
    public var clientID: String
    public var accountID: String?
    public var scopes: [String]
    /// Claims the authorization request asked for by name for userinfo (OpenID Connect Core §5.5).
    public var userinfoClaims: [String]
    /// The login session the user authorized in; nil for client_credentials. Ending that session ends the grant,
    /// unless it holds `offline_access` (`isOffline`).
    public var sid: String?
    public var createdAt: Date
    public var revokedAt: Date?

    public init(
        id: String, clientID: String, accountID: String?, scopes: [String], userinfoClaims: [String] = [], sid: String? = nil, createdAt: Date,
        revokedAt: Date? = nil
    ) {
        self.id = id
        self.clientID = clientID
        self.accountID = accountID
        self.scopes = scopes
        self.userinfoClaims = userinfoClaims
        self.sid = sid
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    /// Whether the grant outlives the login session: the user granted `offline_access`.
    public var isOffline: Bool { scopes.contains(RefreshTokenRule.offlineAccess) }
}
