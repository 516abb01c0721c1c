import Foundation
import Hummingbird

/// Authenticates `Authorization: Bearer <access token>` into the request context, and refuses (401/403, RFC 6750)
/// a request without a valid token or without what the routes behind it require:
///
/// ```swift
/// router.group("admin")
///     .add(middleware: BearerMiddleware<BearerRequestContext>(verifier: verifier).requireScope("invoices").requireRole(.admin))
/// ```
public struct BearerMiddleware<Context: AccessTokenRequestContext>: RouterMiddleware {
    public let verifier: TokenVerifier
    public private(set) var requirements: [TokenRequirement]

    public init(verifier: TokenVerifier, requirements: [TokenRequirement] = []) {
        self.verifier = verifier
        self.requirements = requirements
    }

    public func requireScope(_ scope: String) -> Self { adding(.scope(scope)) }
    /// Any business (`nil`) or the one with `customerNumber`.
    public func requireBusiness(_ customerNumber: String? = nil) -> Self { adding(.business(customerNumber)) }
    /// This role in the business the token acts for (which is then required too).
    public func requireRole(_ role: Role) -> Self { adding(.role(role)) }

    private func adding(_ requirement: TokenRequirement) -> Self {
        var copy = self
        copy.requirements.append(requirement)
        return copy
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.count > 7, header.prefix(7).lowercased() == "bearer " else {
            throw BearerError.missing()
        }
        var context = context
        do {
            let token = try await verifier.verifyAccessToken(String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces))
            for requirement in requirements { try requirement.check(token) }
            context.accessToken = token
        } catch let error as VerificationError {
            throw BearerError.refused(error)
        }
        return try await next(request, context)
    }
}
