import Hummingbird
import Logging
import NIOCore

/// The request context of every route: Hummingbird's core storage plus the peer's address, for the audit
/// log's "from where".
public struct PortvaktRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The client's IP address: the socket's peer, or behind a trusted proxy the address it forwards
    /// (`ClientAddressMiddleware`).
    public var remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }
}
