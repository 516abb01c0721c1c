import Foundation
import PortvaktCore

/// An authorization code's record: what the token endpoint checks (client, redirect URI, PKCE) and the grant the
/// code becomes when it is redeemed. No grant exists before that; until then the code itself is what ending a
/// session, revoking a consent or removing a member spends.
public struct AuthorizationCodeRecord: Sendable, Equatable, Codable {
    public var context: GrantContext
    public var redirectURI: String
    public var codeChallenge: String?
    /// Claims the authorization request asked for by name for userinfo, which the grant keeps.
    public var userinfoClaims: [String]
    public var createdAt: Date
    public var expiresAt: Date

    public init(
        context: GrantContext, redirectURI: String, codeChallenge: String?, userinfoClaims: [String] = [], createdAt: Date, expiresAt: Date
    ) {
        self.context = context
        self.redirectURI = redirectURI
        self.codeChallenge = codeChallenge
        self.userinfoClaims = userinfoClaims
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    private enum CodingKeys: String, CodingKey {
        case context, redirectURI, codeChallenge, userinfoClaims, createdAt, expiresAt
    }

    /// Codes stored before version 20 of the schema have no `userinfoClaims`: their grant was written with them.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        context = try container.decode(GrantContext.self, forKey: .context)
        redirectURI = try container.decode(String.self, forKey: .redirectURI)
        codeChallenge = try container.decodeIfPresent(String.self, forKey: .codeChallenge)
        userinfoClaims = try container.decodeIfPresent([String].self, forKey: .userinfoClaims) ?? []
        createdAt = try container.decode(Date.self, forKey: .createdAt)
        expiresAt = try container.decode(Date.self, forKey: .expiresAt)
    }

    /// The grant this code becomes, created when it is redeemed at `now`.
    public func grant(redeemedAt now: Date) -> Grant? {
        guard let id = context.grantID else { return nil }
        return Grant(
            id: id, clientID: context.clientID, accountID: context.subject, scopes: context.scopes, userinfoClaims: userinfoClaims,
            sid: context.sid, createdAt: now)
    }
}
