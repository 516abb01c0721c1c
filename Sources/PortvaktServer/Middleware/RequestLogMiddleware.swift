import Hummingbird
import Logging

/// One line per request at info level: method, path, status and duration.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, status: response.status.code, since: start, logger: context.logger)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            log(request, status: status, since: start, logger: context.logger)
            throw error
        }
    }

    private func log(_ request: Request, status: Int, since start: ContinuousClock.Instant, logger: Logger) {
        guard logger.logLevel <= .info else { return }
        let elapsed = ContinuousClock.now - start
        // Tenths of a millisecond in integers: Foundation's String(format:) was a measurable part of a request.
        let tenths = elapsed.components.seconds * 10_000 + elapsed.components.attoseconds / 100_000_000_000_000
        logger.info("\(request.method.rawValue) \(request.uri.path) \(status) \(tenths / 10).\(tenths % 10)ms")
    }
}
