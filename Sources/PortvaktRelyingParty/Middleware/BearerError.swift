import Foundation
import HTTPTypes
import Hummingbird

/// A refused bearer token as RFC 6750 §3 answers it: 401 `invalid_token` (or no error code when no token came)
/// or 403 `insufficient_scope`, with `WWW-Authenticate` and the same as JSON, never cached.
public struct BearerError: Error, HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    /// The failed check, when a token came and was refused.
    public let check: VerificationError.Check?
    let code: String?
    let detail: String

    static func missing() -> BearerError {
        BearerError(status: .unauthorized, check: nil, code: nil, detail: "an access token is required")
    }

    static func refused(_ error: VerificationError) -> BearerError {
        let forbidden: Set<VerificationError.Check> = [.scope, .business, .role]
        return BearerError(
            status: forbidden.contains(error.check) ? .forbidden : .unauthorized, check: error.check,
            code: forbidden.contains(error.check) ? "insufficient_scope" : "invalid_token", detail: "\(error.check.rawValue): \(error.detail)")
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var challenge = "Bearer"
        if let code {
            let quoted = detail.replacingOccurrences(of: "\\", with: "").replacingOccurrences(of: "\"", with: "'")
            challenge += " error=\"\(code)\", error_description=\"\(quoted)\""
        }
        var body: [String: String] = ["error_description": detail]
        body["error"] = code ?? "unauthorized"
        let data = try JSONEncoder().encode(body)
        return Response(
            status: status,
            headers: [.wwwAuthenticate: challenge, .contentType: "application/json", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
