import Foundation
import Hummingbird
import PortvaktCore
import PortvaktStore

/// Client authentication at the token, revocation and introspection endpoints (RFC 6749 §2.3, OpenID Connect
/// Core §9). A client must use the method it registered, and exactly one. Registrations come from the node's
/// `ClientDirectory`: a client that authenticates reads nothing from the store (a `private_key_jwt` assertion's
/// `jti` is still recorded).
struct ClientAuthenticator<Store: AuthorizationStore, Keys: ClientKeySource>: Sendable {
    let store: Store
    let clients: ClientDirectory
    let clientKeys: Keys
    /// Accepted `aud` values of client assertions: the issuer and the endpoints that authenticate clients.
    let audiences: Set<String>
    let now: @Sendable () -> Date

    static var assertionType: String { "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" }
    /// Longest accepted assertion lifetime: bounds how long its jti must be remembered.
    static var maximumAssertionLifetime: TimeInterval { 600 }

    /// The authenticated client, or `invalid_client` (401) / `invalid_request`.
    func authenticate(_ request: Request, form: [String: String]) async throws -> ClientRegistration {
        do {
            return try await authenticateOnce(request, form: form)
        } catch let failure as OAuthErrorResponse where failure.error.code == "invalid_client" {
            // This node may hold an older registration: a client just registered, or a secret just rotated,
            // elsewhere. One small read of the version says whether; if it changed, the reloaded clients decide.
            // (A removed client or an old secret is refused once the node has reloaded: `ClientRefreshService`.)
            guard try await clients.refresh() else { throw failure }
            return try await authenticateOnce(request, form: form)
        }
    }

    private func authenticateOnce(_ request: Request, form: [String: String]) async throws -> ClientRegistration {
        let basic = try Self.basicCredentials(request)
        let usesAssertion = form["client_assertion"] != nil || form["client_assertion_type"] != nil
        let presented = [basic != nil, form["client_secret"] != nil, usesAssertion].filter { $0 }.count
        guard presented <= 1 else {
            throw OAuthErrorResponse(.invalidRequest("use exactly one client authentication method"))
        }
        if usesAssertion {
            return try await authenticateAssertion(form)
        }
        let clientID = basic?.id ?? form["client_id"]
        guard let clientID, let client = clients.client(id: clientID) else {
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
            throw Self.failure("this client must authenticate with private_key_jwt")
        }
        return client
    }

    /// `private_key_jwt` (RFC 7523 §2.2, §3): a JWT signed with the client's key, verified by jwt-kit against the
    /// client's registered JWKS, for us, unexpired, short-lived, and never seen before.
    private func authenticateAssertion(_ form: [String: String]) async throws -> ClientRegistration {
        guard form["client_assertion_type"] == Self.assertionType, let assertion = form["client_assertion"] else {
            throw Self.failure("client_assertion_type must be \(Self.assertionType) with a client_assertion")
        }
        guard let clientID = form["client_id"] ?? Self.unverifiedIssuer(assertion),
            let client = clients.client(id: clientID), client.authMethod == .privateKeyJWT
        else { throw Self.failure("unknown client or wrong credentials") }
        do {
            try StrictJWT.check(assertion)
        } catch {
            throw Self.failure("the client assertion is refused: \(error)")
        }
        let payload: ClientAssertionPayload
        do {
            payload = try await verify(assertion, client: client, refresh: false)
        } catch {
            // The client may have rotated its keys since we cached them.
            guard let retried = try? await verify(assertion, client: client, refresh: true) else {
                throw Self.failure("the client assertion does not verify")
            }
            payload = retried
        }
        guard payload.iss.value == client.id, payload.sub.value == client.id else {
            throw Self.failure("the client assertion's iss and sub must be the client_id")
        }
        guard !audiences.isDisjoint(with: payload.aud.value) else { throw Self.failure("the client assertion is not for this server") }
        guard payload.exp.value > now() else { throw Self.failure("the client assertion has expired") }
        guard payload.exp.value.timeIntervalSince(now()) <= Self.maximumAssertionLifetime else {
            throw Self.failure("the client assertion lives too long (at most 10 minutes)")
        }
        guard let jti = payload.jti, !jti.isEmpty else { throw Self.failure("the client assertion has no jti") }
        guard try await store.useClientAssertionID(clientID: client.id, jti: jti, expiresAt: payload.exp.value, now: now()) else {
            throw Self.failure("the client assertion was already used")
        }
        return client
    }

    private func verify(_ assertion: String, client: ClientRegistration, refresh: Bool) async throws -> ClientAssertionPayload {
        try await clientKeys.keys(for: client, refresh: refresh).verify(assertion, as: ClientAssertionPayload.self)
    }

    /// Which client an assertion names, to find its keys; trusted only after jwt-kit verified it.
    private static func unverifiedIssuer(_ assertion: String) -> String? {
        guard case .string(let issuer)? = UnverifiedJWT.claims(assertion)?["iss"] else { return nil }
        return issuer
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
