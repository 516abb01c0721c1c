import Hummingbird
import Logging

/// The context of one business's pages: the visitor and their membership of the business in the path,
/// established by `AccountMiddleware` and `BusinessMiddleware`.
struct BusinessRequestContext: ChildRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: String?
    let visitor: Visitor
    let form: [String: String]
    let membership: BusinessMembership

    init(context: AccountRequestContext) throws {
        guard let membership = context.membership else { throw PageError.misrouted("business") }
        self.coreContext = context.coreContext
        self.remoteAddress = context.remoteAddress
        self.visitor = context.visitor
        self.form = context.form
        self.membership = membership
    }
}
