import Foundation
import Hummingbird
import Logging
import PortvaktCore
import PortvaktStore

/// Turns every error into its response: a browser's `PageError` into its page, rendered by `pages` (made at
/// start-up from the configuration's `ui`, so error pages look like every other page), HTTP errors into JSON with
/// their status, an unreachable store into a 503 with `Retry-After` (`StoreUnavailable`), and anything unexpected
/// into a 500 that says nothing about internals (the details go to the log).
struct ErrorResponseMiddleware<Context: RequestContext>: RouterMiddleware {
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as PageError {
            return error.response(from: request, pages: pages)
        } catch let error as HTTPError {
            let code = error.status == .notFound ? "not_found" : error.status == .methodNotAllowed ? "method_not_allowed" : Self.code(for: error.status)
            let description = error.status == .notFound ? "no resource at \(request.uri.path)" : (error.body ?? error.status.reasonPhrase)
            return JSONErrorBody(error: code, description: description).response(status: error.status, headers: error.headers)
        } catch let error as any HTTPResponseError {
            return try error.response(from: request, context: context)
        } catch let error as StoreError where error.isUnavailable {
            context.logger.error("store unavailable on \(request.method) \(request.uri.path): \(error)")
            return StoreUnavailable().response(from: request, pages: pages)
        } catch {
            context.logger.error("unhandled error on \(request.method) \(request.uri.path): \(error)")
            return JSONErrorBody(error: "server_error", description: "an internal error occurred").response(status: .internalServerError)
        }
    }

    private static func code(for status: HTTPResponse.Status) -> String {
        status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_")
    }
}
