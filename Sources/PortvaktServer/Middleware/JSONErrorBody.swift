import Hummingbird
import PortvaktCore

/// `{"error": ..., "error_description": ...}`, the shape OAuth errors have too.
struct JSONErrorBody: Encodable {
    let error: String
    let description: String

    enum CodingKeys: String, CodingKey {
        case error
        case description = "error_description"
    }

    func response(status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        // Encoding two strings cannot fail.
        let data = try! CanonicalJSON.encode(self)
        var fields = headers
        fields[.contentType] = "application/json"
        fields[.cacheControl] = "no-store"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
