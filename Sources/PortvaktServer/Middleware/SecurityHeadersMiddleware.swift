import HTTPTypes
import Hummingbird

/// Headers every response carries. HTML pages (later) set a Content-Security-Policy of their own; every
/// other response gets one that allows nothing.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    let hsts: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        var headers = response.headers
        headers[.xContentTypeOptions] = "nosniff"
        headers[.referrerPolicy] = "no-referrer"
        headers[.xFrameOptions] = "DENY"
        if headers[.contentSecurityPolicy] == nil {
            headers[.contentSecurityPolicy] = "default-src 'none'; frame-ancestors 'none'"
        }
        if hsts {
            headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains"
        }
        response.headers = headers
        return response
    }
}

extension HTTPField.Name {
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
}
