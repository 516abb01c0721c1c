/// Why the kit refused something: which check failed, and a detail for the log (never for the user's eyes, and
/// never holding a token).
public struct VerificationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The check that failed. A struct of named values rather than an enum, so that a new check breaks no caller's
    /// `switch`.
    public struct Check: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Not three base64url parts of JSON, or a claim of the wrong type.
        public static let malformed = Check(rawValue: "malformed")
        /// `alg` is not on the allow-list (`none`, `HS256`…), or does not fit the key.
        public static let algorithm = Check(rawValue: "algorithm")
        /// The header's `typ` is not the one this kind of token has (`at+jwt` for access tokens).
        public static let type = Check(rawValue: "type")
        /// No key in the provider's JWKS has the token's `kid`, even after fetching it again.
        public static let unknownKey = Check(rawValue: "unknown_key")
        /// The signature does not verify with the key of that `kid`.
        public static let signature = Check(rawValue: "signature")
        public static let issuer = Check(rawValue: "issuer")
        public static let audience = Check(rawValue: "audience")
        /// `azp` is not this client (or is missing beside several audiences).
        public static let authorizedParty = Check(rawValue: "authorized_party")
        public static let expired = Check(rawValue: "expired")
        /// `iat` (or `nbf`) lies in the future beyond the leeway.
        public static let notYetValid = Check(rawValue: "not_yet_valid")
        public static let nonce = Check(rawValue: "nonce")
        /// `at_hash` does not match the access token issued beside the ID token.
        public static let accessTokenHash = Check(rawValue: "at_hash")
        /// An access token's `client_id` is missing or not one the caller accepts.
        public static let clientID = Check(rawValue: "client_id")
        /// The access token lacks a required scope.
        public static let scope = Check(rawValue: "scope")
        /// The access token acts for no business, or not for the required one.
        public static let business = Check(rawValue: "business")
        /// The role in the business acted for is not the required one.
        public static let role = Check(rawValue: "role")
        /// A logout token's `events`, `sid`/`sub` or `nonce` rules.
        public static let logoutToken = Check(rawValue: "logout_token")
        /// Discovery or the JWKS could not be fetched or read.
        public static let provider = Check(rawValue: "provider")
        /// The login's `state` cookie is missing, cannot be opened, is too old, or does not match.
        public static let state = Check(rawValue: "state")
        /// The authorization response's `iss` (RFC 9207) is missing or not the issuer.
        public static let responseIssuer = Check(rawValue: "response_issuer")
        /// The provider answered the authorization request with an error (`access_denied`…).
        public static let authorizationError = Check(rawValue: "authorization_error")
        /// The token endpoint refused (the detail holds its `error`).
        public static let tokenEndpoint = Check(rawValue: "token_endpoint")
    }

    public let check: Check
    public let detail: String

    public init(_ check: Check, _ detail: String) {
        self.check = check
        self.detail = detail
    }

    public var description: String { "\(check.rawValue): \(detail)" }
}
