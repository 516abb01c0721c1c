import HTTPTypes
import Hummingbird
import PortvaktCore

/// Answers 404 to a request whose `Host` does not name this machine. Anyone who reaches the simulator can log
/// in as its test identities, so on a developer's machine it must not be reachable from a web page that rebinds
/// its own name to 127.0.0.1 (DNS rebinding): such a page still sends its own name.
struct LoopbackHostMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // HTTP/1.1's Host header becomes the request's authority; a field of that name is read too.
        let names = [request.head.authority, request.headers[HTTPField.Name("Host")!]].compactMap { $0 }
        guard !names.isEmpty, names.allSatisfy(LoopbackName.matches) else {
            return SimulatorRoutes.json(["error": "notFound", "message": "Not found."], status: .notFound)
        }
        return try await next(request, context)
    }
}
