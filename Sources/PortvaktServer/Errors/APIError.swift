import Foundation
import HTTPTypes
import Hummingbird

/// An error of the JSON API: `{"error": …, "error_description": …}` with its status and `Cache-Control: no-store`,
/// turned into its response once, by the router (`HTTPResponseError`).
struct APIError: Error, HTTPResponseError {
    let status: HTTPResponse.Status
    let code: String
    let description: String

    init(_ status: HTTPResponse.Status, _ code: String, _ description: String) {
        self.status = status
        self.code = code
        self.description = description
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        JSONErrorBody(error: code, description: description).response(status: status)
    }
}
