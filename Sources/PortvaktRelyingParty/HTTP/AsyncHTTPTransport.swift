import AsyncHTTPClient
import Foundation
import NIOCore

/// The transport over AsyncHTTPClient (its shared client unless one is given), with a time limit per request and
/// a bound on what it reads.
public struct AsyncHTTPTransport: HTTPTransport {
    let client: HTTPClient
    let timeout: TimeAmount
    /// The most a response may hold: a discovery document or JWKS is a few kilobytes.
    static let maximumBody = 1024 * 1024

    public init(client: HTTPClient = .shared, timeoutSeconds: Int64 = 10) {
        self.client = client
        timeout = .seconds(timeoutSeconds)
    }

    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = .init(rawValue: request.method)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await client.execute(outgoing, timeout: timeout)
        let body = try await response.body.collect(upTo: Self.maximumBody)
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        return TransportResponse(status: Int(response.status.code), headers: headers, body: Data(body.readableBytesView))
    }
}
