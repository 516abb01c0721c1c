/// A live session as the authorization endpoint reads it: with the scopes its account has already approved for
/// the client asking, so that a returning user costs one read.
public struct AuthorizingSession: Sendable, Equatable {
    public var session: LoginSession
    public var consentedScopes: Set<String>

    public init(session: LoginSession, consentedScopes: Set<String>) {
        self.session = session
        self.consentedScopes = consentedScopes
    }
}
