import Foundation
import HTTPTypes
import Hummingbird
import PortvaktCore

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
            origins.allows(origin)
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
        } catch let error as any HTTPResponseError where !(error is PageError) {
            // A page is rendered by `ErrorResponseMiddleware`, with the configured `ui`.
            response = try error.response(from: request, context: context)
        }
        response.headers[.accessControlAllowOrigin] = origin
        response.headers[.accessControlExposeHeaders] = "WWW-Authenticate"
        response.headers[.vary] = "Origin"
        return response
    }
}
