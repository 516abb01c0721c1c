import Hummingbird
import Logging
import PortvaktCore
import PortvaktStore

/// The context of `/account/**`, `/invitations/**` and the business pages: a live session and its account,
/// with the CSRF token of every POST verified, established once by `AccountMiddleware`.
struct AccountRequestContext: ChildRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: String?
    let visitor: Visitor
    /// The posted form (empty for a GET), its CSRF token checked.
    let form: [String: String]
    /// Set by `BusinessMiddleware` for the pages of one business.
    var membership: BusinessMembership?
    /// Set by `StaffMiddleware` for the staff desk: the account's staff roles, the session allowed at the desk.
    var staffRoles: Set<StaffRole>?
    /// Set by `ApplicationMiddleware` for the pages of one of the visitor's own applications.
    var application: BusinessApplication?

    init(context: PortvaktRequestContext) throws {
        guard let visitor = context.visitor else { throw PageError.misrouted("account") }
        self.coreContext = context.coreContext
        self.remoteAddress = context.remoteAddress
        self.visitor = visitor
        self.form = context.form
    }
}
