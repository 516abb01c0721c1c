import Hummingbird
import Logging
import NIOCore

/// The request context of every route: Hummingbird's core storage plus the peer's address, for the audit
/// log's "from where".
public struct PortvaktRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The client's IP address as the socket sees it.
    public let remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }
}
