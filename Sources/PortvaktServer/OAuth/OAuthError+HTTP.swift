import Foundation
import HTTPTypes
import Hummingbird
import PortvaktCore

extension HTTPField.Name {
    static let pragma = Self("Pragma")!
}

/// Any OAuth error that reaches the router unhandled is answered as JSON with its own status, never a 500.
extension OAuthError: HTTPResponseError {
    public var status: HTTPResponse.Status { HTTPResponse.Status(code: httpStatus) }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        try OAuthErrorResponse(self).response(from: request, context: context)
    }
}

extension Response {
    /// A 200 JSON answer that no cache keeps (RFC 6749 §5.1).
    static func json(_ value: some Encodable) throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store", .pragma: "no-cache"],
            body: .init(byteBuffer: ByteBuffer(bytes: try CanonicalJSON.encode(value))))
    }
}
