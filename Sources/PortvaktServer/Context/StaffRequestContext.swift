import Hummingbird
import Logging
import PortvaktCore

/// The context of the staff desk (`/staff/**`): a live session of an account with at least one staff role, allowed
/// at the desk (its login method, its age, its activity), with the CSRF token of every POST verified, established
/// once by `AccountMiddleware` and `StaffMiddleware`. Each role's pages have a child context of their own
/// (`ReviewerRequestContext`), so no handler checks a role.
struct StaffRequestContext: ChildRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: String?
    /// The staff member: their session, their account and the page's language and CSRF token.
    let visitor: Visitor
    /// The posted form (empty for a GET), its CSRF token checked.
    let form: [String: String]
    /// The staff member's roles, at least one.
    let roles: Set<StaffRole>

    init(context: AccountRequestContext) throws {
        guard let roles = context.staffRoles, !roles.isEmpty else { throw PageError.misrouted("staff") }
        self.coreContext = context.coreContext
        self.remoteAddress = context.remoteAddress
        self.visitor = context.visitor
        self.form = context.form
        self.roles = roles
    }
}
