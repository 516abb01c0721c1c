import Foundation
import Hummingbird
import PortvaktCore
import PortvaktCrypto
import PortvaktStore

/// The token endpoint (RFC 6749 §3.2): authorization_code (single use, PKCE), refresh_token (rotated, reuse
/// revokes the family) and client_credentials (from the cached client alone: nothing is read from or written to the
/// store). Every answer carries `Cache-Control: no-store`.
struct TokenController<Store: AccountStore & AuthorizationStore & AuditLog & BusinessStore, Keys: ClientKeySource> {
    let store: Store
    let keyRing: KeyRing
    let factory: TokenFactory
    let configuration: Configuration
    let authenticator: ClientAuthenticator<Store, Keys>
    let now: @Sendable () -> Date

    func addRoutes(to router: Router<PortvaktRequestContext>) {
        router.post(RouterPath(Endpoints.token)) { request, context in
            try await OAuthErrorResponse.mapping { try await token(request, context: context) }
        }
    }

    func token(_ request: Request, context: PortvaktRequestContext) async throws -> Response {
        let form = try await FormParameters.body(request)
        let client = try await authenticator.authenticate(request, form: form)
        guard let grantType = form["grant_type"] else { throw OAuthError.invalidRequest("grant_type is missing") }
        guard let grant = GrantType(rawValue: grantType) else {
            throw OAuthError.unsupportedGrantType("grant_type \(grantType) is not supported")
        }
        guard client.grantTypes.contains(grant) else {
            throw OAuthError.unauthorizedClient("this client may not use \(grantType)")
        }
        switch grant {
        case .authorizationCode: return try await authorizationCode(form, client: client, context: context)
        case .refreshToken: return try await refreshToken(form, client: client, context: context)
        case .clientCredentials: return try await clientCredentials(form, client: client)
        }
    }

    // MARK: - Grants

    private func authorizationCode(_ form: [String: String], client: ClientRegistration, context: PortvaktRequestContext) async throws -> Response {
        guard let code = form["code"] else { throw OAuthError.invalidRequest("code is missing") }
        guard let redirectURI = form["redirect_uri"] else { throw OAuthError.invalidRequest("redirect_uri is missing") }
        let now = now()
        let verifier = form["code_verifier"]
        let refreshTokenLifetime = TimeInterval(configuration.tokens.refreshTokenLifetime)
        let refreshToken = RandomToken.generate()
        // One transaction spends the code and, when the request is sound, writes its grant and (when the grant
        // asks for one) the refresh token. A code that fails the checks is spent all the same, and makes no grant.
        let redemption = try await store.consumeCode(digest: Digest.sha256(code), clientID: client.id, now: now) { record in
            guard (try? Self.check(record, client: client, redirectURI: redirectURI, verifier: verifier)) != nil else { return .refused }
            guard RefreshTokenRule.issuesRefreshToken(grantedScopes: record.context.scopes, client: client) else {
                return .accepted(refreshToken: nil)
            }
            return .accepted(refreshToken: RefreshTokenIssue(
                digest: Digest.sha256(refreshToken),
                record: RefreshTokenRecord(context: record.context, createdAt: now, expiresAt: now.addingTimeInterval(refreshTokenLifetime))))
        }
        let record: AuthorizationCodeRecord
        switch redemption {
        case .unknown:
            throw OAuthError.invalidGrant("the code is invalid or expired")
        case .reused(let grantID):
            // RFC 6749 §4.1.2: a code used twice may be stolen; everything issued from it is revoked.
            try await revoke(grantID, because: "code.reused", client: client, context: context, now: now)
            throw OAuthError.invalidGrant("the code was already used; the tokens issued from it are revoked")
        case .redeemed(let redeemed):
            record = redeemed
        }
        try Self.check(record, client: client, redirectURI: redirectURI, verifier: verifier)
        let refresh = RefreshTokenRule.issuesRefreshToken(grantedScopes: record.context.scopes, client: client)
        return try await tokenResponse(record.context, client: client, refreshToken: refresh ? refreshToken : nil, now: now)
    }

    /// The checks of a redeemed code against the token request (RFC 6749 §4.1.3, RFC 7636 §4.6).
    private static func check(_ record: AuthorizationCodeRecord, client: ClientRegistration, redirectURI: String, verifier: String?) throws {
        guard record.context.clientID == client.id else { throw OAuthError.invalidGrant("the code was issued to another client") }
        guard record.redirectURI == redirectURI else { throw OAuthError.invalidGrant("redirect_uri differs from the authorization request") }
        switch (record.codeChallenge, verifier) {
        case (let challenge?, let verifier?):
            guard PKCE.verify(verifier: verifier, challenge: challenge) else { throw OAuthError.invalidGrant("the code_verifier does not match") }
        case (.some, nil):
            throw OAuthError.invalidGrant("code_verifier is missing")
        case (nil, .some):
            // RFC 9700 §4.8.2: a verifier without a challenge is a PKCE downgrade attempt.
            throw OAuthError.invalidGrant("a code_verifier was sent but the authorization request had no code_challenge")
        case (nil, nil):
            guard !client.isPublic && !client.requiresPKCE else { throw OAuthError.invalidGrant("this client must use PKCE") }
        }
    }

    private func refreshToken(_ form: [String: String], client: ClientRegistration, context: PortvaktRequestContext) async throws -> Response {
        guard let token = form["refresh_token"] else { throw OAuthError.invalidRequest("refresh_token is missing") }
        let now = now()
        let requestedScope = form["scope"].map(AuthorizationChecks.words)
        let successor = RandomToken.generate()
        // One transaction: the token is checked against the request, its grant's state read, and it is rotated.
        let rotation = try await store.rotateRefreshToken(digest: Digest.sha256(token), successorDigest: Digest.sha256(successor), now: now) { record in
            // Bound to the client: another client's token is refused before anything changes.
            guard record.context.clientID == client.id else { throw OAuthError.invalidGrant("the refresh token is invalid") }
            if let requestedScope, !Set(requestedScope).isSubset(of: record.context.scopes) {
                throw OAuthError.invalidScope("a refresh may only narrow the scope")
            }
        }
        switch rotation {
        case .unknown:
            throw OAuthError.invalidGrant("the refresh token is invalid")
        case .expired:
            throw OAuthError.invalidGrant("the refresh token is invalid or expired")
        case .revoked:
            // A token spent by revoking its grant (logout, password reset) is not a theft.
            throw OAuthError.invalidGrant("the grant was revoked")
        case .reused(let grantID):
            // RFC 9700 §4.14.2: a rotated token used again means it leaked; the whole family is revoked.
            try await revoke(grantID, because: "refresh_token.reused", client: client, context: context, now: now)
            throw OAuthError.invalidGrant("the refresh token was already used; its family is revoked")
        case .rotated(let record):
            var context = record.context
            context.scopes = requestedScope ?? record.context.scopes
            context.nonce = nil
            return try await tokenResponse(context, client: client, refreshToken: successor, now: now)
        }
    }

    private func clientCredentials(_ form: [String: String], client: ClientRegistration) async throws -> Response {
        let allowed = client.scopes.filter { $0 != "openid" && $0 != "offline_access" }
        let requested = form["scope"].map(AuthorizationChecks.words) ?? []
        guard Set(requested).isSubset(of: allowed) else {
            throw OAuthError.invalidScope("the client may not ask for \(requested.filter { !allowed.contains($0) }.joined(separator: " "))")
        }
        // No grant is stored: the self-contained JWT is all there is, revoked (if ever) by its `jti` on the denylist.
        let context = GrantContext(grantID: nil, clientID: client.id, subject: nil, scopes: requested)
        return try await tokenResponse(context, client: client, refreshToken: nil, now: now())
    }

    private func revoke(_ grantID: String, because action: String, client: ClientRegistration, context: PortvaktRequestContext, now: Date) async throws {
        try await store.revokeGrant(id: grantID, at: now)
        try await store.record(AuditEvent(at: now, actor: "client:\(client.id)", action: action, target: grantID, source: context.remoteAddress))
    }

    // MARK: - Issuing

    private func tokenResponse(_ context: GrantContext, client: ClientRegistration, refreshToken: String?, now: Date) async throws -> Response {
        guard let accessSigner = keyRing.signer(for: configuration.keys.algorithms[0]) else {
            throw OAuthError.serverError("no signing key is loaded")
        }
        let business = try await context.subject.asyncFlatMap {
            try await BusinessClaims.values(store, accountID: $0, scopes: context.scopes, policy: factory.claimsPolicy)
        } ?? [:]
        let accessToken = try factory.accessToken(
            context, jti: RandomToken.generate(bits: 128), now: now, signer: accessSigner, claimValues: business)
        var body: [String: JSONValue] = [
            "access_token": .string(accessToken), "token_type": .string("Bearer"),
            "expires_in": .number(Double(configuration.tokens.accessTokenLifetime)),
            "scope": .string(context.scopes.joined(separator: " ")),
        ]
        if let refreshToken { body["refresh_token"] = .string(refreshToken) }
        if let subject = context.subject, context.scopes.contains("openid") {
            guard let account = try await store.account(id: subject) else { throw OAuthError.invalidGrant("the account no longer exists") }
            guard let idSigner = keyRing.signer(for: client.idTokenSignedResponseAlg) else {
                throw OAuthError.serverError("no \(client.idTokenSignedResponseAlg.rawValue) signing key is loaded")
            }
            body["id_token"] = .string(try factory.idToken(
                context, profile: account.profile, accessToken: accessToken, now: now, signer: idSigner, claimValues: business))
        }
        return try Response.json(body)
    }
}
