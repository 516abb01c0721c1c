import HTTPTypes
import Hummingbird
import PortvaktCore

/// The one place OAuth errors become HTTP: JSON `{"error", "error_description"}` with `Cache-Control: no-store`
/// (RFC 6749 §5.1–5.2). Client authentication failures carry `WWW-Authenticate: Basic`; bearer-token errors a
/// `Bearer` challenge (RFC 6750 §3).
struct OAuthErrorResponse: HTTPResponseError {
    enum Challenge: Sendable {
        case none
        case basic
        case bearer
    }

    let error: OAuthError
    let challenge: Challenge

    init(_ error: OAuthError, challenge: Challenge = .none) {
        self.error = error
        self.challenge = challenge
    }

    var status: HTTPResponse.Status { HTTPResponse.Status(code: error.httpStatus) }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.pragma: "no-cache"]
        switch challenge {
        case .none:
            break
        case .basic where error.httpStatus == 401:
            headers[.wwwAuthenticate] = #"Basic realm="portvakt", charset="UTF-8""#
        case .bearer where error.httpStatus == 401 && error.code == "invalid_request":
            headers[.wwwAuthenticate] = #"Bearer realm="portvakt""#
        case .bearer:
            headers[.wwwAuthenticate] = #"Bearer realm="portvakt", error="\#(error.code)", error_description="\#(Self.quoted(error.description))""#
        case .basic:
            break
        }
        return JSONErrorBody(error: error.code, description: error.description).response(status: status, headers: headers)
    }

    /// Keeps a description safe inside a quoted-string.
    private static func quoted(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 }.map(Character.init))
    }
}
