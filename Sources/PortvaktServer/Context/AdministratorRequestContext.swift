import Hummingbird
import Logging

/// The context of a business page only its administrators may use: a user gets the "not allowed" page.
struct AdministratorRequestContext: ChildRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: String?
    let visitor: Visitor
    let form: [String: String]
    let membership: BusinessMembership

    init(context: BusinessRequestContext) throws {
        guard context.membership.role == .admin else { throw PageError.forbidden(context.visitor.flow.language) }
        self.coreContext = context.coreContext
        self.remoteAddress = context.remoteAddress
        self.visitor = context.visitor
        self.form = context.form
        self.membership = context.membership
    }
}
