public enum MembershipChange: Equatable, Sendable {
    case done
    /// Refused: the business would be left without an administrator.
    case lastAdministrator
    case notMember
}
