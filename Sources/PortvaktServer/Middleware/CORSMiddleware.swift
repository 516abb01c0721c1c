import Foundation
import HTTPTypes
import Hummingbird
import PortvaktCore
import PortvaktStore
import Synchronization

/// CORS for the endpoints browsers call directly (token, userinfo, revocation, introspection, JWKS, discovery),
/// for the origins of registered redirect URIs only. The authorization endpoint never gets CORS headers: it is
/// navigated to, not fetched.
struct CORSMiddleware<Context: RequestContext>: RouterMiddleware {
    let origins: ClientOrigins
    static var paths: Set<String> {
        [Endpoints.token, Endpoints.userinfo, Endpoints.revocation, Endpoints.introspection, Endpoints.jwks, Endpoints.discovery]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin], Self.paths.contains(request.uri.path),
            await origins.allows(origin)
        else { return try await next(request, context) }
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            return Response(status: .noContent, headers: [
                .accessControlAllowOrigin: origin, .accessControlAllowMethods: "GET, POST",
                .accessControlAllowHeaders: "Authorization, Content-Type", .accessControlMaxAge: "600", .vary: "Origin",
            ])
        }
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.accessControlAllowOrigin] = origin
        response.headers[.accessControlExposeHeaders] = "WWW-Authenticate"
        response.headers[.vary] = "Origin"
        return response
    }
}

/// The origins (scheme://host:port) of every registered redirect URI, reloaded from the store at most every
/// ten seconds, so that a client registered with the CLI is allowed without a restart.
final class ClientOrigins: Sendable {
    private let store: any ClientStore
    private let cache = Mutex<(origins: Set<String>, loadedAt: Date?)>(([], nil))

    init(store: any ClientStore) {
        self.store = store
    }

    func allows(_ origin: String) async -> Bool {
        let (origins, loadedAt) = cache.withLock { ($0.origins, $0.loadedAt) }
        if let loadedAt, Date().timeIntervalSince(loadedAt) < 10 { return origins.contains(origin) }
        guard let clients = try? await store.clients() else { return origins.contains(origin) }
        let fresh = Set(clients.flatMap(\.redirectURIs).compactMap(Self.origin))
        cache.withLock { $0 = (fresh, Date()) }
        return fresh.contains(origin)
    }

    static func origin(_ uri: String) -> String? {
        guard let components = URLComponents(string: uri), let scheme = components.scheme?.lowercased(), let host = components.host?.lowercased()
        else { return nil }
        let name = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        let defaultPort = scheme == "https" ? 443 : 80
        if let port = components.port, port != defaultPort { return "\(scheme)://\(name):\(port)" }
        return "\(scheme)://\(name)"
    }
}
