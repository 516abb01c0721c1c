import Hummingbird
import Logging

/// The context of the login, sign-up and reset pages (and every login method's): the browser binding, the
/// language and the whole pending authorization, established once by `FlowMiddleware`, plus the posted form.
public struct FlowRequestContext: ChildRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: String?
    public let flow: FlowRequest
    /// The posted form (empty for a GET).
    let form: [String: String]

    public init(context: PortvaktRequestContext) throws {
        guard let flow = context.flow else { throw PageError.misrouted("flow") }
        self.coreContext = context.coreContext
        self.remoteAddress = context.remoteAddress
        self.flow = flow
        self.form = context.form
    }
}
