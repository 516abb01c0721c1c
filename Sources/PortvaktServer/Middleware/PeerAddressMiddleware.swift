import Hummingbird

/// Names the socket's peer when there is no socket: in-process router tests drive the router without one, and
/// give each request the client address it stands for (`RouterOptions.peerAddress`). It runs before
/// `ClientAddressMiddleware`, so trusted proxies apply as they would to a real peer.
struct PeerAddressMiddleware: RouterMiddleware {
    typealias Context = PortvaktRequestContext
    let peerAddress: @Sendable (Request) -> String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.remoteAddress == nil, let peer = peerAddress(request) else { return try await next(request, context) }
        var context = context
        context.remoteAddress = peer
        return try await next(request, context)
    }
}
