import Foundation
import Synchronization

@testable import PortvaktRelyingParty

/// A clock the test moves.
final class TestClock: Sendable {
    private let time = Mutex(Date(timeIntervalSince1970: 1_800_000_000))

    var now: Date { time.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { time.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// Portvakt as the kit's transport sees it: discovery, a JWKS that can change, a token endpoint that answers what
/// the test says, and a count of every fetch.
actor FakePortvakt: HTTPTransport {
    static let issuer = "https://id.example.se"
    var jwks: Data
    var jwksCacheControl = "public, max-age=3600"
    var discoveryIssuer = FakePortvakt.issuer
    var issParameterSupported = true
    private(set) var jwksFetches = 0
    private(set) var tokenRequests: [[String: String]] = []
    private(set) var tokenAuthorization: String?
    /// The token endpoint's next answer: status and JSON.
    var tokenAnswer: (Int, Data) = (400, Data(#"{"error":"invalid_grant"}"#.utf8))

    /// The token endpoint's next answer, as JSON made from `body`.
    nonisolated func answerTokens(_ status: Int, _ body: [String: Any]) async {
        let json = try! JSONSerialization.data(withJSONObject: body)  // the tests pass plain JSON values
        await answerTokens(status, json: json)
    }

    init(jwks: Data) {
        self.jwks = jwks
    }

    func serve(jwks: Data) { self.jwks = jwks }
    func answerTokens(_ status: Int, json: Data) { tokenAnswer = (status, json) }
    func set(discoveryIssuer: String? = nil, issParameterSupported: Bool? = nil, jwksCacheControl: String? = nil) {
        if let discoveryIssuer { self.discoveryIssuer = discoveryIssuer }
        if let issParameterSupported { self.issParameterSupported = issParameterSupported }
        if let jwksCacheControl { self.jwksCacheControl = jwksCacheControl }
    }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        let issuer = Self.issuer
        switch (request.method, request.url) {
        case ("GET", "\(issuer)/.well-known/openid-configuration"):
            let document: [String: Any] = [
                "issuer": discoveryIssuer, "jwks_uri": "\(issuer)/jwks", "authorization_endpoint": "\(issuer)/authorize",
                "token_endpoint": "\(issuer)/token", "end_session_endpoint": "\(issuer)/logout",
                "authorization_response_iss_parameter_supported": issParameterSupported,
            ]
            return TransportResponse(status: 200, body: try JSONSerialization.data(withJSONObject: document))
        case ("GET", "\(issuer)/jwks"):
            jwksFetches += 1
            return TransportResponse(status: 200, headers: ["Cache-Control": jwksCacheControl], body: jwks)
        case ("POST", "\(issuer)/token"):
            let form = String(decoding: request.body ?? Data(), as: UTF8.self).split(separator: "&").reduce(into: [String: String]()) { form, pair in
                let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? "" }
                form[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
            tokenRequests.append(form)
            tokenAuthorization = request.headers["authorization"]
            return TransportResponse(status: tokenAnswer.0, body: tokenAnswer.1)
        default:
            return TransportResponse(status: 404, body: Data("{}".utf8))
        }
    }
}
