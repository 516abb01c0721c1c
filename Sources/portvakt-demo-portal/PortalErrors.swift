import Hummingbird
import PortvaktRelyingParty

/// When Portvakt cannot be reached or refuses what the portal asks (a refresh, the memberships API), the user
/// gets a page that says so and offers a way on, never a bare 500.
struct PortalErrors<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as VerificationError {
            context.logger.warning("Portvakt: \(error)")
            return unavailable()
        } catch let error as MembershipsClient.APIError {
            context.logger.warning("the memberships API: \(error)")
            return unavailable()
        }
    }

    func unavailable() -> Response {
        PortalPage.response(
            "Något gick fel", "<p>Inloggningstjänsten svarade inte som väntat. Försök igen om en stund.</p><p><a href=\"/\">Till startsidan</a></p>",
            status: .badGateway)
    }
}
