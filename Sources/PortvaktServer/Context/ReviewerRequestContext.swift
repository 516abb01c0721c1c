import Hummingbird
import Logging
import PortvaktCore

/// The context of the desk's pages for deciding applications: only a reviewer (handläggare) reaches them; other
/// staff get the "not allowed" page.
struct ReviewerRequestContext: ChildRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: String?
    let visitor: Visitor
    let form: [String: String]
    let roles: Set<StaffRole>

    init(context: StaffRequestContext) throws {
        guard context.roles.contains(.reviewer) else { throw PageError.forbidden(context.visitor.flow.language) }
        self.coreContext = context.coreContext
        self.remoteAddress = context.remoteAddress
        self.visitor = context.visitor
        self.form = context.form
        self.roles = context.roles
    }

    /// The actor of the reviewer's decisions in the audit log and the application's history.
    var actor: String { visitor.actor }
}
