public enum LinkOutcome: Equatable, Sendable {
    /// The account is the business's first administrator.
    case linked
    /// The business has an administrator already: access goes through invitations.
    case hasAdministrator
    case unknownBusiness
    /// (Link tokens) unknown, used, expired, or asked for by another account.
    case invalidToken
}
