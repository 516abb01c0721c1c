import Foundation
import Hummingbird
import PortvaktCore
import PortvaktStore

/// Revocation (RFC 7009) and introspection (RFC 7662). Both require client authentication, and a client only
/// ever reaches its own tokens. A token of a grant is revoked with its grant; a client_credentials access token,
/// which has no grant, by its `jti` on the denylist, which introspection reads from the store on every node.
struct TokenManagementController<Store: AuthorizationStore & TokenDenylist & AuditLog, Keys: ClientKeySource> {
    let store: Store
    let keyRing: KeyRing
    let authenticator: ClientAuthenticator<Store, Keys>
    let issuer: String
    let now: @Sendable () -> Date

    func addRoutes(to router: Router<PortvaktRequestContext>) {
        router.post(RouterPath(Endpoints.revocation)) { request, context in
            try await OAuthErrorResponse.mapping { try await revoke(request, context: context) }
        }
        router.post(RouterPath(Endpoints.introspection)) { request, _ in
            try await OAuthErrorResponse.mapping { try await introspect(request) }
        }
    }

    /// What revokes a token: its grant, or (a client_credentials access token) its `jti` until it expires.
    private enum Handle {
        case grant(String)
        case jti(String, expiresAt: Date)
    }

    /// A token as this server knows it: what revokes it, which client it belongs to, and whether it is alive.
    private struct Found {
        var handle: Handle
        var clientID: String
        var active: Bool
        var claims: [String: JSONValue]
    }

    private func find(_ token: String, hint: String?) async throws -> Found? {
        // The hint only orders the look-ups (RFC 7009 §2.1); both kinds are tried.
        let lookups: [() async throws -> Found?] = hint == "refresh_token" ? [refreshToken(token), accessToken(token)] : [accessToken(token), refreshToken(token)]
        for lookup in lookups {
            if let found = try await lookup() { return found }
        }
        return nil
    }

    private func accessToken(_ token: String) -> () async throws -> Found? {
        {
            guard let payload = try? await keyRing.verifyAccessToken(token, issuer: issuer) else { return nil }
            let handle: Handle
            let active: Bool
            if let grantID = payload.grant_id {
                handle = .grant(grantID)
                active = try await store.grant(id: grantID).map { $0.revokedAt == nil } ?? false
            } else {
                // Read from the store, never from a cache of this node: a revocation on any node counts here at once.
                handle = .jti(payload.jti, expiresAt: payload.exp.value)
                active = try await !store.isTokenDenied(jti: payload.jti)
            }
            let claims: [String: JSONValue] = [
                "scope": .string(payload.scope), "client_id": .string(payload.client_id), "sub": .string(payload.sub.value),
                "exp": .number(payload.exp.value.timeIntervalSince1970.rounded(.down)), "iss": .string(issuer),
                "aud": .array(payload.aud.value.map(JSONValue.string)), "jti": .string(payload.jti), "token_type": .string("Bearer"),
            ]
            return Found(handle: handle, clientID: payload.client_id, active: active, claims: claims)
        }
    }

    private func refreshToken(_ token: String) -> () async throws -> Found? {
        {
            guard let (record, rotated) = try await store.refreshToken(digest: Digest.sha256(token)),
                let grantID = record.context.grantID
            else { return nil }
            let grant = try await store.grant(id: grantID)
            let active = !rotated && record.expiresAt > now() && (grant.map { $0.revokedAt == nil } ?? false)
            var claims: [String: JSONValue] = [
                "scope": .string(record.context.scopes.joined(separator: " ")), "client_id": .string(record.context.clientID),
                "exp": .number(Double(Timestamp.seconds(record.expiresAt))), "iss": .string(issuer), "token_type": .string("refresh_token"),
            ]
            if let subject = record.context.subject { claims["sub"] = .string(subject) }
            return Found(handle: .grant(grantID), clientID: record.context.clientID, active: active, claims: claims)
        }
    }

    func revoke(_ request: Request, context: PortvaktRequestContext) async throws -> Response {
        let form = try await FormParameters.body(request)
        let client = try await authenticator.authenticate(request, form: form)
        guard let token = form["token"] else { throw OAuthError.invalidRequest("token is missing") }
        if let found = try await find(token, hint: form["token_type_hint"]) {
            guard found.clientID == client.id else {
                throw OAuthError.unauthorizedClient("the token was not issued to this client")
            }
            switch found.handle {
            case .grant(let grantID):
                // Revoking either token of a grant revokes the grant: its refresh family and its access tokens.
                try await store.revokeGrant(id: grantID, at: now())
                try await store.record(AuditEvent(
                    at: now(), actor: "client:\(client.id)", action: "token.revoked", target: grantID, source: context.remoteAddress))
            case .jti(let jti, let expiresAt):
                // Only a token that is still valid is worth a row; the row goes when the token expires.
                if found.active, try await store.denyToken(jti: jti, expiresAt: expiresAt) {
                    try await store.record(AuditEvent(
                        at: now(), actor: "client:\(client.id)", action: "token.revoked", target: "jti:\(jti)",
                        source: context.remoteAddress, details: ["grant_type": GrantType.clientCredentials.rawValue]))
                }
            }
        }
        // Unknown or already invalid tokens are answered 200 too (RFC 7009 §2.2).
        return Response(status: .ok, headers: [.cacheControl: "no-store"])
    }

    func introspect(_ request: Request) async throws -> Response {
        let form = try await FormParameters.body(request)
        let client = try await authenticator.authenticate(request, form: form)
        guard !client.isPublic else { throw ClientAuthenticator<Store, Keys>.failure("introspection needs a client that authenticates") }
        guard let token = form["token"] else { throw OAuthError.invalidRequest("token is missing") }
        var body: [String: JSONValue] = ["active": .bool(false)]
        if let found = try await find(token, hint: form["token_type_hint"]), found.active, found.clientID == client.id {
            body = found.claims
            body["active"] = .bool(true)
        }
        return try Response.json(body)
    }
}

extension OAuthErrorResponse {
    /// Runs an endpoint, answering any `OAuthError` it throws as JSON (client authentication failures with
    /// `WWW-Authenticate: Basic`).
    static func mapping(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let error as OAuthError {
            throw OAuthErrorResponse(error, challenge: error.httpStatus == 401 ? .basic : .none)
        }
    }
}
