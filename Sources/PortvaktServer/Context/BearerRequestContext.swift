import Hummingbird
import Logging

/// The context of `/userinfo` and `/api/v1/**`: a verified access token of a live grant, with the scope the
/// group needs, established once by `BearerMiddleware`.
struct BearerRequestContext: ChildRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: String?
    let caller: BearerCaller
    /// The posted form, when the token came in one (RFC 6750 §2.2).
    let form: [String: String]

    init(context: PortvaktRequestContext) throws {
        guard let caller = context.caller else { throw PageError.misrouted("bearer") }
        self.coreContext = context.coreContext
        self.remoteAddress = context.remoteAddress
        self.caller = caller
        self.form = context.form
    }
}
