import PortvaktCore

public enum InvitationAcceptance: Equatable, Sendable {
    case accepted(customerNumber: String, role: BusinessRole)
    /// Unknown, used, revoked or expired.
    case invalid
    /// The account's verified address is not the invited one.
    case wrongAddress
}
