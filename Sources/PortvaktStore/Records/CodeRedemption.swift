public enum CodeRedemption: Sendable, Equatable {
    /// First use: the code is now spent.
    case redeemed(AuthorizationCodeRecord)
    /// The code was used before: the grant it made must be revoked.
    case reused(grantID: String)
    case unknown
}
