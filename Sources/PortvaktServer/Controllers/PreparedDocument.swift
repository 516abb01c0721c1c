import Foundation
import Hummingbird
import PortvaktCore

/// A JSON document encoded once, served as the same bytes to every request, with a strong `ETag`; a request
/// whose `If-None-Match` names it gets 304 Not Modified (RFC 9110 §13.1.2, §15.4.5) with the same `ETag` and
/// `Cache-Control`, and no body.
public struct PreparedDocument: Sendable {
    public let body: ByteBuffer
    public let etag: EntityTag

    public init(_ bytes: some Collection<UInt8>) {
        body = ByteBuffer(bytes: bytes)
        etag = EntityTag(of: bytes)
    }

    func response(to request: Request, cacheControl: String) -> Response {
        if etag.matches(ifNoneMatch: request.headers[values: .ifNoneMatch]) {
            return Response(status: .notModified, headers: [.eTag: etag.value, .cacheControl: cacheControl])
        }
        return Response(
            status: .ok,
            headers: [.contentType: "application/json", .eTag: etag.value, .cacheControl: cacheControl],
            body: .init(byteBuffer: body))
    }
}
