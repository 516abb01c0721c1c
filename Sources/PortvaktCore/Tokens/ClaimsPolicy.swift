/// Which claims each scope releases and where each claim goes, in one table, as node-oidc-provider's `claims`
/// configuration: scope → claims (OpenID Connect Core §5.4), and per claim the audiences that carry it when its
/// scope is granted and when it is asked for by name with the `claims` parameter (§5.5).
///
/// The claims about the token itself (`iss`, `aud`, `exp`, `nonce`, `at_hash`…) are the `TokenFactory`'s; this
/// table holds the claims about the user.
public struct ClaimsPolicy: Sendable, Equatable {
    /// Where a claim can go.
    public enum Audience: String, Sendable, CaseIterable {
        case idToken = "id_token"
        case accessToken = "access_token"
        case userinfo
    }

    /// One claim: the scope that releases it, where that scope puts it, and where asking for it by name puts it.
    public struct Rule: Sendable, Equatable {
        public var claim: String
        /// The scope that releases the claim. `business:<customer_number>` stands for any scope naming a business.
        public var scope: String
        public var byScope: Set<Audience>
        /// Where the `claims` parameter may add it (§5.5); empty for claims released only by their scope.
        public var byName: Set<Audience>

        public init(claim: String, scope: String, byScope: Set<Audience>, byName: Set<Audience> = []) {
            self.claim = claim
            self.scope = scope
            self.byScope = byScope
            self.byName = byName
        }

        /// Whether a granted scope is this rule's scope.
        public func isReleased(by granted: String) -> Bool {
            scope == BusinessScope.namedPattern ? BusinessScope.customerNumber(in: granted) != nil : granted == scope
        }
    }

    /// In the order discovery lists them.
    public var rules: [Rule]

    public init(rules: [Rule]) {
        self.rules = rules
    }

    /// Portvakt's claims. Every authorization ends in a code, so every ID token is issued beside an access token:
    /// the scope claims of `profile`, `email` and `ssn` then go to userinfo only (§5.4), and the ID token carries
    /// `name`, `email`… only when the `claims` parameter asks for them by name and their scope is granted.
    /// `memberships` is in all three, so
    /// a relying party sees its user's businesses at once; `business`, the one business acted for, is for the
    /// resource servers and is in the access token only. The personnummer is sensitive: only under its own scope,
    /// which a client must be allowed, and never by name alone.
    public static let standard = ClaimsPolicy(rules: [
        Rule(claim: "sub", scope: "openid", byScope: [.idToken, .accessToken, .userinfo]),
        Rule(claim: "name", scope: "profile", byScope: [.userinfo], byName: [.idToken, .userinfo]),
        Rule(claim: "given_name", scope: "profile", byScope: [.userinfo], byName: [.idToken, .userinfo]),
        Rule(claim: "family_name", scope: "profile", byScope: [.userinfo], byName: [.idToken, .userinfo]),
        Rule(claim: "locale", scope: "profile", byScope: [.userinfo], byName: [.idToken, .userinfo]),
        Rule(claim: "email", scope: "email", byScope: [.userinfo], byName: [.idToken, .userinfo]),
        Rule(claim: "email_verified", scope: "email", byScope: [.userinfo], byName: [.idToken, .userinfo]),
        Rule(claim: "ssn", scope: "ssn", byScope: [.userinfo]),
        Rule(claim: "memberships", scope: "memberships", byScope: [.idToken, .accessToken, .userinfo]),
        Rule(claim: "business", scope: BusinessScope.namedPattern, byScope: [.accessToken]),
    ])

    /// Every claim of the table, in order.
    public var claimNames: [String] { rules.map(\.claim) }

    /// The claims of `scope` (`business:<customer_number>` for the named business scopes).
    public func claims(ofScope scope: String) -> [String] {
        rules.filter { $0.scope == scope }.map(\.claim)
    }

    /// The claims `audience` carries for the granted `scopes` and the claims asked for by name for it.
    ///
    /// Asking by name moves a claim to another audience (the ID token), never past consent: a claim asked for by
    /// name is released only when its scope is among the granted `scopes`, which are the scopes the client is
    /// allowed and the user consented to. A claim whose scope was not granted is left out, `essential` or not:
    /// OpenID Connect Core §5.5.1 says an essential claim that cannot be given is no reason for an error, so the
    /// request goes on without it.
    public func names(for audience: Audience, scopes: [String], requested: [String] = []) -> Set<String> {
        Set(rules.filter { rule in
            let granted = scopes.contains(where: rule.isReleased(by:))
            return granted && (rule.byScope.contains(audience) || (rule.byName.contains(audience) && requested.contains(rule.claim)))
        }.map(\.claim))
    }

    /// Whether any audience carries one of `claims` for `scopes`: to read from the store only what is needed.
    public func releasesAny(of claims: Set<String>, scopes: [String]) -> Bool {
        rules.contains { claims.contains($0.claim) && !$0.byScope.isEmpty && scopes.contains(where: $0.isReleased(by:)) }
    }

    /// The claims `audience` carries, taken from `values`; a claim without a value is left out.
    public func claims(for audience: Audience, scopes: [String], requested: [String] = [], from values: [String: JSONValue]) -> Claims {
        var claims = Claims()
        for name in names(for: audience, scopes: scopes, requested: requested) {
            if let value = values[name] { claims[name] = value }
        }
        return claims
    }
}
