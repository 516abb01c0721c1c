import Hummingbird
import Logging
import PortvaktStore

/// The context of one application's pages: the visitor and their own application in the path, established by
/// `AccountMiddleware` and `ApplicationMiddleware`.
struct ApplicationRequestContext: ChildRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: String?
    let visitor: Visitor
    let form: [String: String]
    /// As it was when the request came in; every change goes through the store's compare-and-set.
    let application: BusinessApplication

    init(context: AccountRequestContext) throws {
        guard let application = context.application else { throw PageError.misrouted("application") }
        self.coreContext = context.coreContext
        self.remoteAddress = context.remoteAddress
        self.visitor = context.visitor
        self.form = context.form
        self.application = application
    }
}
