import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JWTKit
import PortvaktBankID
import PortvaktBankIDSimulator
import PortvaktCore
import PortvaktCrypto
import PortvaktServer
import PortvaktStore
import Synchronization
import Testing

/// A clock tests move by hand.
final class TestClock: Sendable {
    private let current: Mutex<Date>
    init(_ start: Date = Date()) { current = Mutex(start) }
    var now: Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// Client keys for private_key_jwt tests, without any network.
struct StaticClientKeys: ClientKeySource {
    let jwks: [String: String]
    func keys(for client: ClientRegistration, refresh: Bool) async throws -> JWTKeyCollection {
        guard let json = jwks[client.id] else { throw OAuthError.invalidClient("no keys") }
        return try await JWTKeyCollection().add(jwksJSON: json)
    }
}

/// One Portvakt with a first-party confidential client, a third-party client, a public client, an account and
/// helpers that speak the protocol the way a relying party does. Sessions are made through the store API;
/// the server has no login backdoor.
struct OIDCHarness {
    static let confidential = "portal"
    static let thirdParty = "partner"
    static let publicClient = "spa"
    static let service = "robot"
    static let assertionClient = "signed"
    /// The standard scopes with `offline_access`: what a client asks for to get a refresh token.
    static let offline: [String: String?] = ["scope": "openid profile email offline_access"]
    /// A confidential client registered without PKCE (`clients add --no-pkce`).
    static let legacyClient = "legacy"
    static let redirect = "https://portal.example.se/callback"
    static let secret = "portal-secret-0123456789abcdefghijklmnopqrstuvwxyz"
    static let accountID = "acc-anna"

    let portvakt: TestPortvakt
    let services: PortvaktServices
    let clock: TestClock
    let client: any TestClientProtocol
    let assertionKey: P256.Signing.PrivateKey
    /// The BankID simulator, on the test's clock, when the settings turn it on.
    var bankIDSimulator: BankIDSimulator?
    /// The browser's cookies, kept from `Set-Cookie` as a browser would (a `cookie:` argument is sent on top).
    let jar = CookieJar()
    /// The client address the next requests come from (nil: none, as the router test framework has no socket).
    let peer = TestPeer()
    static let peerHeader = HTTPField.Name("X-Test-Peer")!  // a valid field name, never nil
    /// The `User-Agent` the next requests send (nil: none, as the router test framework sends none).
    let userAgent = TestUserAgent()

    /// Runs `body` against a fresh server.
    static func run(
        _ settings: [String: Any] = [:], start: Date = Date(),
        loginMethods: @Sendable (TestClock) -> [any LoginMethod] = { _ in [] },
        bankIDService: @Sendable (BankIDSimulator) -> any BankIDService = { InProcessBankID(simulator: $0) },
        _ body: @Sendable (OIDCHarness) async throws -> Void
    ) async throws {
        let portvakt = try TestPortvakt(settings)
        defer { portvakt.remove() }
        let clock = TestClock(start)
        let key = P256.Signing.PrivateKey()
        try await portvakt.withServices(now: clock.now) { opened in
            var services = opened
            var simulator: BankIDSimulator?
            if services.bankID?.isSimulated == true {
                // The simulator on the test's clock, called in process: no listener runs in router tests. Its routes
                // are mounted as `portvakt serve` mounts them.
                let identities = try BankIDSimulator.loadIdentities(file: services.configuration.bankID.identitiesFile, today: clock.now)
                let made = BankIDSimulator(identities: identities, now: { clock.now })
                services.bankID?.service = bankIDService(made)
                simulator = made
            }
            let ready = services, embedded = simulator
            try await seed(ready.store, clock: clock)
            // As a node that started after the clients were registered: every one of them is in its memory.
            try await ready.clients.reload()
            let jwk = try SigningKeyMaterial.p256(key).publicJWK(kid: "client-key-1")
            let jwks = String(decoding: try JSONEncoder().encode(JWKSet(keys: [jwk])), as: UTF8.self)
            let options = RouterOptions(
                clientKeys: StaticClientKeys(jwks: [assertionClient: jwks]), loginMethods: loginMethods(clock),
                extraRoutes: embedded.map { routes in
                    [{ router in SimulatorRoutes(simulator: routes, prefix: BankIDSetup.simulatorPrefix, loopbackOnly: true).addRoutes(to: router) }]
                } ?? [],
                now: { clock.now }, peerAddress: { $0.headers[OIDCHarness.peerHeader] })
            try await buildApplication(ready, options: options).test(.router) { client in
                try await body(OIDCHarness(
                    portvakt: portvakt, services: ready, clock: clock, client: client, assertionKey: key, bankIDSimulator: embedded))
            }
        }
    }

    private static func seed(_ store: any PortvaktStore, clock: TestClock) async throws {
        let now = clock.now
        try await store.createClient(ClientRegistration(
            id: confidential, name: "Mina sidor", redirectURIs: [redirect], postLogoutRedirectURIs: ["https://portal.example.se/bye"],
            firstParty: true, secretDigest: Digest.sha256(secret), createdAt: now))
        try await store.createClient(ClientRegistration(
            id: thirdParty, name: "Partnerappen", redirectURIs: ["https://partner.example.com/cb"], authMethod: .clientSecretPost,
            scopes: ["openid", "profile", "email"], secretDigest: Digest.sha256(secret), createdAt: now))
        try await store.createClient(ClientRegistration(
            id: publicClient, name: "SPA", redirectURIs: ["http://127.0.0.1:5173/cb"], authMethod: .none, firstParty: true, createdAt: now))
        try await store.createClient(ClientRegistration(
            id: service, name: "Robot", redirectURIs: [], grantTypes: [.clientCredentials], scopes: ["email"],
            secretDigest: Digest.sha256(secret), createdAt: now))
        try await store.createClient(ClientRegistration(
            id: assertionClient, name: "Signed", redirectURIs: ["https://signed.example.se/cb"], authMethod: .privateKeyJWT,
            jwksURI: "https://signed.example.se/jwks", firstParty: true, idTokenSignedResponseAlg: .es256, createdAt: now))
        try await store.createClient(ClientRegistration(
            id: legacyClient, name: "Gamla portalen", redirectURIs: ["https://legacy.example.se/cb"], authMethod: .clientSecretPost,
            firstParty: true, requiresPKCE: false, secretDigest: Digest.sha256(secret), createdAt: now))
        try await store.createAccount(Account(
            id: accountID, email: "anna@pantbutiken.se", emailVerified: true, givenName: "Anna", familyName: "Svensson",
            locale: "sv-SE", createdAt: now))
    }

    // MARK: - Sessions, through the store API

    /// A logged-in browser: a session made in the store, and its cookie.
    func login(_ accountID: String = accountID, authTime: Date? = nil, amr: [String] = ["pwd", "otp", "mfa"]) async throws -> String {
        let secret = RandomToken.generate()
        let now = clock.now
        try await services.store.createSession(
            LoginSession(sid: RandomToken.generate(bits: 128), accountID: accountID, authTime: authTime ?? now, acr: "urn:portvakt:acr:mfa",
                         amr: amr, createdAt: now, lastSeenAt: now, expiresAt: now.addingTimeInterval(3600)),
            secretDigest: Digest.sha256(secret))
        return "portvakt-session=\(secret)"
    }

    // MARK: - Requests

    struct Answer {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: String
        /// When this page was reached by following a POST's redirect (post/redirect/get): that POST's status.
        var posted: HTTPResponse.Status?
        /// The step page's address that `submit` followed after a 303.
        var followed: String?
        var location: String? { headers[.location] }
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:] }
        /// The parameters of the redirect's query.
        var redirectParameters: [String: String] {
            guard let location, let components = URLComponents(string: location) else { return [:] }
            return Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        }
    }

    func get(_ uri: String, cookie: String? = nil, headers: HTTPFields = [:]) async throws -> Answer {
        var fields = headers
        fields[.cookie] = jar.header(adding: cookie)
        fields[Self.peerHeader] = peer.address
        if fields[.userAgent] == nil { fields[.userAgent] = userAgent.value }
        let answer = try await client.execute(uri: uri, method: .get, headers: fields) {
            Answer(status: $0.status, headers: $0.headers, body: String(buffer: $0.body))
        }
        jar.keep(answer.headers)
        return answer
    }

    func post(_ uri: String, form: [String: String], cookie: String? = nil, headers: HTTPFields = [:]) async throws -> Answer {
        var fields = headers
        fields[.contentType] = "application/x-www-form-urlencoded"
        fields[.cookie] = jar.header(adding: cookie)
        fields[Self.peerHeader] = peer.address
        if fields[.userAgent] == nil { fields[.userAgent] = userAgent.value }
        let body = Self.encode(form)
        let answer = try await client.execute(uri: uri, method: .post, headers: fields, body: ByteBuffer(string: body)) {
            Answer(status: $0.status, headers: $0.headers, body: String(buffer: $0.body))
        }
        jar.keep(answer.headers)
        return answer
    }

    static func encode(_ form: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return form.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed)!)" }
            .joined(separator: "&")
    }

    /// `/authorize?...` with the standard parameters of the confidential client, overridden by `parameters`.
    func authorize(_ parameters: [String: String?] = [:], cookie: String?) async throws -> Answer {
        var query: [String: String] = [
            "client_id": Self.confidential, "redirect_uri": Self.redirect, "response_type": "code", "scope": "openid profile email",
            "state": "st-123", "nonce": "n-456", "code_challenge": PKCEPair.standard.challenge, "code_challenge_method": "S256",
        ]
        for (name, value) in parameters { query[name] = value }
        return try await get("/authorize?" + Self.encode(query), cookie: cookie)
    }

    var basicAuth: HTTPFields {
        [.authorization: "Basic " + Data("\(Self.confidential):\(Self.secret)".utf8).base64EncodedString()]
    }

    /// Logs in and returns a fresh code for the confidential client.
    func code(cookie: String? = nil, _ parameters: [String: String?] = [:]) async throws -> String {
        let cookie = try await cookie.asyncOr { try await login() }
        let answer = try await authorize(parameters, cookie: cookie)
        return try #require(answer.redirectParameters["code"], "no code in \(answer.location ?? answer.body)")
    }

    /// The code of an `/authorize` answer, approving the consent page first when the answer leads there.
    func consentIfAsked(_ answer: Answer, cookie: String) async throws -> String {
        guard let location = answer.location, location.hasPrefix("/consent?request=") else {
            return try #require(answer.redirectParameters["code"], "no code in \(answer.location ?? answer.body)")
        }
        let page = try await get(location, cookie: cookie)
        let csrf = try #require(page.body.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1)
        let requestID = String(location.dropFirst("/consent?request=".count))
        let approved = try await post("/consent", form: ["request": requestID, "csrf": String(csrf), "decision": "approve"], cookie: cookie)
        let final = try await get(try #require(approved.location), cookie: cookie)
        return try #require(final.redirectParameters["code"], "no code in \(final.location ?? final.body)")
    }

    func exchange(_ code: String, verifier: String? = PKCEPair.standard.verifier, redirectURI: String = redirect) async throws -> Answer {
        var form = ["grant_type": "authorization_code", "code": code, "redirect_uri": redirectURI]
        form["code_verifier"] = verifier
        return try await post("/token", form: form, headers: basicAuth)
    }

    /// A JWKS-verified decode of a token we issued.
    func verify<Payload: JWTPayload>(_ token: String, as type: Payload.Type) async throws -> Payload {
        let jwks = try await get(Endpoints.jwks).body
        return try await JWTKeyCollection().add(jwksJSON: jwks).verify(token, as: type)
    }

    /// A client assertion with the header and claims given as JSON text, signed with the client's key.
    func rawClientAssertion(header: String, claims: String) throws -> String {
        let signer = try SigningKeyMaterial.p256(assertionKey).signer(kid: "client-key-1")
        let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(claims.utf8))
        return input + "." + Base64URL.encode(try signer.signature(for: Array(input.utf8)))
    }

    /// A token signed with this server's active RS256 key; `header` makes the header's JSON text from the kid.
    func serverSigned(header: (String) -> String, claims: String) throws -> String {
        let signer = try #require(services.keyRing.signer(for: .rs256))
        let input = Base64URL.encode(Array(header(signer.kid).utf8)) + "." + Base64URL.encode(Array(claims.utf8))
        return input + "." + Base64URL.encode(try signer.signature(for: Array(input.utf8)))
    }

    func clientAssertion(jti: String = UUID().uuidString, audience: String = "http://localhost:8080/token", lifetime: TimeInterval = 60) throws -> String {
        let claims = #"{"iss":"\#(Self.assertionClient)","sub":"\#(Self.assertionClient)","aud":"\#(audience)","jti":"\#(jti)","exp":\#(Int(clock.now.timeIntervalSince1970 + lifetime))}"#
        return try JWS.compact(payload: Data(claims.utf8), signer: SigningKeyMaterial.p256(assertionKey).signer(kid: "client-key-1"))
    }
}

struct PKCEPair {
    let verifier: String
    let challenge: String
    static let standard = PKCEPair(verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
    init(verifier: String) {
        self.verifier = verifier
        challenge = Base64URL.encode(SHA256.hash(data: Data(verifier.utf8)))
    }
}

extension Optional {
    func asyncOr(_ fallback: () async throws -> Wrapped) async rethrows -> Wrapped {
        if let self { return self }
        return try await fallback()
    }
}

/// Claims as a relying party reads them from our tokens, after jwt-kit verified the signature.
struct IDTokenClaims: JWTPayload {
    var iss: IssuerClaim
    var sub: SubjectClaim
    var aud: AudienceClaim
    var exp: ExpirationClaim
    var iat: IssuedAtClaim
    var auth_time: Date?
    var nonce: String?
    var acr: String?
    var amr: [String]?
    var azp: String?
    var at_hash: String?
    var sid: String?
    var name: String?
    func verify(using algorithm: some JWTAlgorithm) async throws { try exp.verifyNotExpired() }
}

struct AccessTokenClaims: JWTPayload {
    var iss: IssuerClaim
    var sub: SubjectClaim
    var aud: AudienceClaim
    var exp: ExpirationClaim
    var client_id: String
    var scope: String
    var jti: String
    func verify(using algorithm: some JWTAlgorithm) async throws { try exp.verifyNotExpired() }
}

/// The client address a test's requests come from: the router test framework has no socket to read it from.
final class TestPeer: Sendable {
    private let current = Mutex<String?>(nil)
    var address: String? { current.withLock { $0 } }
    func set(_ address: String?) { current.withLock { $0 = address } }
}

/// The browser a test's requests say they come from.
final class TestUserAgent: Sendable {
    private let current = Mutex<String?>(nil)
    var value: String? { current.withLock { $0 } }
    func set(_ value: String?) { current.withLock { $0 = value } }
}

/// A browser's cookie jar, enough for these tests: names and values, no paths or expiry.
final class CookieJar: Sendable {
    private let cookies = Mutex<[String: String]>([:])

    /// The `Cookie` header: the jar's cookies, with `extra` ("name=value") on top; nil when empty.
    func header(adding extra: String?) -> String? {
        var all = cookies.withLock { $0 }
        if let extra, let equals = extra.firstIndex(of: "=") {
            all[String(extra[..<equals])] = String(extra[extra.index(after: equals)...])
        }
        return all.isEmpty ? nil : all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
    }

    func keep(_ headers: HTTPFields) {
        for field in headers[values: .setCookie] {
            guard let pair = field.split(separator: ";").first, let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals]), value = String(pair[pair.index(after: equals)...])
            cookies.withLock { $0[name] = value.isEmpty ? nil : value }
        }
    }

    /// Forgets everything: the next request comes from another browser.
    func clear() { cookies.withLock { $0 = [:] } }
}
