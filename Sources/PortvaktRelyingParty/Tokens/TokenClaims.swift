import Foundation

/// The claims of a verified token, with typed reading of the registered ones. Anything else is in `all`.
public struct TokenClaims: Sendable, Equatable {
    public let all: [String: JSONValue]

    init(_ all: [String: JSONValue]) {
        self.all = all
    }

    public subscript(name: String) -> JSONValue? { all[name] }

    public var issuer: String? { all["iss"]?.string }
    public var subject: String? { all["sub"]?.string }
    /// `aud` as a list, whether the token wrote one string or an array.
    public var audience: [String] {
        switch all["aud"] {
        case .string(let one): [one]
        case .array(let many): many.compactMap(\.string)
        default: []
        }
    }
    public var expiresAt: Date? { all["exp"]?.number.map(Date.init(timeIntervalSince1970:)) }
    public var issuedAt: Date? { all["iat"]?.number.map(Date.init(timeIntervalSince1970:)) }
    public var notBefore: Date? { all["nbf"]?.number.map(Date.init(timeIntervalSince1970:)) }
    public var authTime: Date? { all["auth_time"]?.number.map(Date.init(timeIntervalSince1970:)) }
    public var nonce: String? { all["nonce"]?.string }
    public var authorizedParty: String? { all["azp"]?.string }
    public var clientID: String? { all["client_id"]?.string }
    public var sessionID: String? { all["sid"]?.string }
    public var tokenID: String? { all["jti"]?.string }
    public var acr: String? { all["acr"]?.string }
    public var amr: [String] { all["amr"]?.array?.compactMap(\.string) ?? [] }
    /// `scope`, split on spaces.
    public var scopes: [String] { all["scope"]?.string?.split(separator: " ").map(String.init) ?? [] }
    public var name: String? { all["name"]?.string }
    public var givenName: String? { all["given_name"]?.string }
    public var familyName: String? { all["family_name"]?.string }
    public var email: String? { all["email"]?.string }

    /// The `memberships` claim: every activated business of the user, with its role. Empty when the claim is absent;
    /// a claim that is not Portvakt's shape throws.
    public func memberships() throws -> [Membership] {
        guard let value = all["memberships"] else { return [] }
        return try Self.decode([Membership].self, value, claim: "memberships")
    }

    /// The `business` claim of an access token: the one business it acts for, or nil.
    public func business() throws -> Business? {
        guard let value = all["business"] else { return nil }
        return try Self.decode(Business.self, value, claim: "business")
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ value: JSONValue, claim: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: JSONEncoder().encode(value))
        } catch {
            throw VerificationError(.malformed, "the \(claim) claim is not what Portvakt writes: \(error)")
        }
    }
}
