import Hummingbird
import Logging
import NIOCore

/// The request context of every route: Hummingbird's core storage plus the peer's address, for the audit
/// log's "from where". The middleware at a route group's boundary (`FlowMiddleware`, `AccountMiddleware`,
/// `BearerMiddleware`) establishes who is asking and leaves it here; the group's typed child context
/// (`FlowRequestContext`, `AccountRequestContext`, `BearerRequestContext`) is then built from it, so a
/// handler cannot run without it and never checks it again.
public struct PortvaktRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The client's IP address: the socket's peer, or behind a trusted proxy the address it forwards
    /// (`ClientAddressMiddleware`).
    public var remoteAddress: String?
    /// Set by `FlowMiddleware`.
    var flow: FlowRequest?
    /// The posted form, read once by the boundary middleware (empty for a GET).
    var form: [String: String] = [:]
    /// Set by `AccountMiddleware`.
    var visitor: Visitor?
    /// Set by `BearerMiddleware`.
    var caller: BearerCaller?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }
}
