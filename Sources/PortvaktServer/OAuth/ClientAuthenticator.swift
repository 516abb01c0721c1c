import Foundation
import Hummingbird
import PortvaktCore
import PortvaktStore

/// Client authentication at the token, revocation and introspection endpoints (RFC 6749 §2.3, OpenID Connect
/// Core §9). A client must use the method it registered, and exactly one.
struct ClientAuthenticator<Store: ClientStore>: Sendable {
    let store: Store

    /// The authenticated client, or `invalid_client` (401) / `invalid_request`.
    func authenticate(_ request: Request, form: [String: String]) async throws -> ClientRegistration {
        let basic = try Self.basicCredentials(request)
        let usesAssertion = form["client_assertion"] != nil || form["client_assertion_type"] != nil
        let presented = [basic != nil, form["client_secret"] != nil, usesAssertion].filter { $0 }.count
        guard presented <= 1 else {
            throw OAuthErrorResponse(.invalidRequest("use exactly one client authentication method"))
        }
        let clientID = basic?.id ?? form["client_id"]
        guard let clientID, let client = try await store.client(id: clientID) else {
            throw Self.failure("unknown client or wrong credentials")
        }
        if let basicID = basic?.id, let formID = form["client_id"], basicID != formID {
            throw OAuthErrorResponse(.invalidRequest("client_id does not match the authenticated client"))
        }
        switch client.authMethod {
        case .clientSecretBasic:
            guard let basic, Self.secretMatches(basic.secret, client) else { throw Self.failure("unknown client or wrong credentials") }
        case .clientSecretPost:
            guard basic == nil, let secret = form["client_secret"], Self.secretMatches(secret, client) else {
                throw Self.failure("unknown client or wrong credentials")
            }
        case .none:
            guard presented == 0 else { throw Self.failure("this client is public and must not send credentials") }
        case .privateKeyJWT:
            throw Self.failure("private_key_jwt is not enabled on this server yet")
        }
        return client
    }

    static func failure(_ description: String) -> OAuthErrorResponse {
        OAuthErrorResponse(.invalidClient(description), challenge: .basic)
    }

    /// Constant-time comparison of digests: secrets are random, so SHA-256 is the right hash (no slow KDF).
    static func secretMatches(_ secret: String, _ client: ClientRegistration) -> Bool {
        guard let digest = client.secretDigest else { return false }
        return ConstantTime.equal(Digest.sha256(secret), digest)
    }

    /// `Authorization: Basic` with form-urlencoded id and secret (RFC 6749 §2.3.1).
    static func basicCredentials(_ request: Request) throws -> (id: String, secret: String)? {
        guard let header = request.headers[.authorization] else { return nil }
        guard header.lowercased().hasPrefix("basic ") else { return nil }
        guard let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":"),
            let id = String(text[..<colon]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding,
            let secret = String(text[text.index(after: colon)...]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
        else { throw failure("malformed Basic credentials") }
        return (id, secret)
    }
}
