/// What the token endpoint decides about a code it redeems, inside the redemption's transaction.
public enum CodeAcceptance: Sendable, Equatable {
    /// The request does not match the code (client, redirect URI, PKCE): the code is spent and makes no grant.
    case refused
    /// The code makes its grant, with this refresh token stored beside it if any.
    case accepted(refreshToken: RefreshTokenIssue?)
}
