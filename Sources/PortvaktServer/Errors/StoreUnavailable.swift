import HTTPTypes
import Hummingbird
import PortvaktCore
import PortvaktStore

/// The store could not be reached (`StoreError.isUnavailable`): 503 with `Retry-After`, in the form the caller
/// reads. Protocol endpoints and the API get OAuth's `temporarily_unavailable` as JSON; a browser gets a page in
/// its language that offers to try again. Nothing was committed (the work never got a connection, or its connection
/// died before the work's end, which ends its transaction), so trying again is safe.
/// `ErrorResponseMiddleware` answers with it, the page rendered with the configured `ui`.
struct StoreUnavailable: Sendable {
    /// Seconds a caller should wait: about the time a database restart or a failover takes.
    static let retryAfter = "5"

    var status: HTTPResponse.Status { .serviceUnavailable }

    /// JSON for a machine, else the page rendered by `pages` (with the configured `ui`).
    func response(from request: Request, pages: PageRenderer) -> Response {
        if Self.readsJSON(request) {
            let error = OAuthError.temporarilyUnavailable("the service cannot reach its database; try again shortly")
            return JSONErrorBody(error: error.code, description: error.description)
                .response(status: status, headers: [.retryAfter: Self.retryAfter, .pragma: "no-cache"])
        }
        return PageError.unavailable().response(from: request, pages: pages)
    }

    /// Machine endpoints always read JSON; elsewhere, whoever does not ask for HTML.
    private static func readsJSON(_ request: Request) -> Bool {
        let path = request.uri.path
        let machine = [Endpoints.token, Endpoints.revocation, Endpoints.introspection, Endpoints.userinfo, Endpoints.ready]
        if machine.contains(path) || path.hasPrefix("/api/") || path.hasPrefix("/.well-known/") { return true }
        return request.headers[.accept]?.contains("text/html") != true
    }
}
