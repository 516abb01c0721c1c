import HTTPTypes
import Hummingbird
import PortvaktCore

/// Behind a trusted reverse proxy, the client's address is the one the proxy forwards (`trusted_proxies`);
/// without this every user would share the proxy's address, and its throttle. A forwarded request while no proxy is
/// trusted is told to `ProxySettingCheck`: the setting looks wrong.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = PortvaktRequestContext
    let trustedProxies: Set<String>
    let proxySetting: ProxySettingCheck

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !trustedProxies.isEmpty else {
            if request.headers[.xForwardedFor] != nil { proxySetting.sawForwardedRequest(logger: context.logger) }
            return try await next(request, context)
        }
        var context = context
        context.remoteAddress = ClientAddress.resolve(
            peer: context.remoteAddress, forwardedFor: request.headers[.xForwardedFor], trustedProxies: trustedProxies)
        return try await next(request, context)
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
