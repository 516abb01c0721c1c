import Foundation
import PortvaktCore

/// The operator's staff: which accounts hold which desk roles, and each staff session's last request to the desk.
/// Every change of roles is audited in its own transaction.
public protocol StaffStore: Sendable {
    /// Gives the account a role; false when it had it already. Audited as `staff.role_granted` by `actor`, with
    /// `source` (the OS user of a command run by hand, an address) as the event's source.
    @discardableResult
    func grantStaffRole(_ role: StaffRole, accountID: String, actor: String, source: String?, at: Date) async throws -> Bool
    /// Takes every staff role from the account and returns those it had (empty when none). Audited as
    /// `staff.removed` by `actor`, with `source` as the event's source.
    @discardableResult
    func removeStaff(accountID: String, actor: String, source: String?, at: Date) async throws -> [StaffRole]
    func staffRoles(accountID: String) async throws -> Set<StaffRole>
    /// Every account with a staff role, by e-mail.
    func staffMembers() async throws -> [StaffMember]
    /// Notes a request to the desk by the login session `sid` and returns the one before it (nil for the first). A
    /// session idle at the desk for longer than `maximumIdle`, counted from its previous desk request or, for its
    /// first, from `loggedInAt`, is not noted: every request to it meanwhile, however many at once, finds it idle.
    func touchStaffSession(sid: String, loggedInAt: Date, at: Date, maximumIdle: TimeInterval) async throws -> Date?
}
