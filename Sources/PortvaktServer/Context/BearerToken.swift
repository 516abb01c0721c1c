import Hummingbird
import PortvaktCore

/// Finds the bearer token of a request: exactly one of the header or the form body, never the query.
enum BearerToken {
    static func from(_ request: Request, form: [String: String]) throws -> String {
        var found: [String] = []
        if let header = request.headers[.authorization] {
            guard header.lowercased().hasPrefix("bearer "), !header.dropFirst(7).trimmingCharacters(in: .whitespaces).isEmpty else {
                throw OAuthErrorResponse(.invalidRequest("the Authorization header is not a Bearer token"), challenge: .bearer)
            }
            found.append(header.dropFirst(7).trimmingCharacters(in: .whitespaces))
        }
        if let body = form["access_token"] { found.append(body) }
        guard found.count == 1 else {
            let error: OAuthError = found.isEmpty
                ? OAuthError(code: "invalid_request", description: "no access token", status: 401)
                : .invalidRequest("send the access token one way only")
            throw OAuthErrorResponse(error, challenge: .bearer)
        }
        return found[0]
    }
}
