import Foundation

/// Portvakt's memberships API (`/api/v1`, its OpenAPI document at `/api/v1/openapi.json`), called with the user's
/// access token, which needs the scope `memberships:manage`. Portvakt checks the caller's role on every call.
public struct MembershipsClient: Sendable {
    public let issuer: String
    let transport: any HTTPTransport

    public init(issuer: String, transport: any HTTPTransport = AsyncHTTPTransport()) {
        self.issuer = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
        self.transport = transport
    }

    /// A member of a business, as `GET /businesses/{customer_number}/members` lists them.
    public struct Member: Sendable, Equatable, Decodable {
        public var accountID: String
        public var role: Role
        public var email: String?
        public var name: String?

        enum CodingKeys: String, CodingKey {
            case accountID = "account_id"
            case role, email, name
        }
    }

    /// An invitation and its state (`pending`, `accepted`, `expired`, `revoked`).
    public struct Invitation: Sendable, Equatable, Decodable {
        public var id: String
        public var email: String
        public var role: Role
        public var state: String
        public var expiresAt: String

        enum CodingKeys: String, CodingKey {
            case id, email, role, state
            case expiresAt = "expires_at"
        }
    }

    /// What the API refused: its status and `{"error", "error_description"}`.
    public struct APIError: Error, Sendable, Equatable, CustomStringConvertible {
        public let status: Int
        public let error: String
        public let detail: String
        public var description: String { "\(status) \(error): \(detail)" }
    }

    public func members(of customerNumber: String, token: AccessToken) async throws -> [Member] {
        try await call("GET", "businesses/\(FormEncoding.escape(customerNumber))/members", token: token)
    }

    public func invitations(of customerNumber: String, token: AccessToken) async throws -> [Invitation] {
        try await call("GET", "businesses/\(FormEncoding.escape(customerNumber))/invitations", token: token)
    }

    /// Invites `email` as `role`; Portvakt mails the invitation.
    public func invite(_ email: String, as role: Role, to customerNumber: String, token: AccessToken) async throws -> Invitation {
        let body = try JSONEncoder().encode(["email": email, "role": role.rawValue])
        return try await call("POST", "businesses/\(FormEncoding.escape(customerNumber))/invitations", token: token, body: body)
    }

    /// Removes a member (administrators only); Portvakt ends their grants that carried the business and tells the
    /// clients that hold them (back-channel logout).
    public func remove(_ accountID: String, from customerNumber: String, token: AccessToken) async throws {
        _ = try await send("DELETE", "businesses/\(FormEncoding.escape(customerNumber))/members/\(FormEncoding.escape(accountID))", token: token)
    }

    private func call<Answer: Decodable>(_ method: String, _ path: String, token: AccessToken, body: Data? = nil) async throws -> Answer {
        let response = try await send(method, path, token: token, body: body)
        do {
            return try JSONDecoder().decode(Answer.self, from: response.body)
        } catch {
            throw APIError(status: response.status, error: "unexpected_answer", detail: "\(error)")
        }
    }

    private func send(_ method: String, _ path: String, token: AccessToken, body: Data? = nil) async throws -> TransportResponse {
        var headers = ["authorization": "Bearer \(token.token)", "accept": "application/json"]
        if body != nil { headers["content-type"] = "application/json" }
        let response = try await transport.send(TransportRequest(method: method, url: "\(issuer)/api/v1/\(path)", headers: headers, body: body))
        guard (200..<300).contains(response.status) else {
            let refused = try? JSONDecoder().decode([String: String].self, from: response.body)
            throw APIError(status: response.status, error: refused?["error"] ?? "error", detail: refused?["error_description"] ?? "")
        }
        return response
    }
}
