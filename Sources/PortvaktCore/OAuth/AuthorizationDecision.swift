import Foundation

/// The user's single sign-on session as the authorization endpoint sees it.
public struct SessionView: Sendable, Equatable {
    public var accountID: String
    public var sid: String
    public var authTime: Date

    public init(accountID: String, sid: String, authTime: Date) {
        self.accountID = accountID
        self.sid = sid
        self.authTime = authTime
    }
}

/// What the authorization endpoint does next with a valid request.
public enum AuthorizationStep: Equatable, Sendable {
    /// The user must log in (again).
    case login
    /// The user must approve the scopes.
    case consent
    /// Issue a code to the session's account.
    case issueCode(SessionView)
    /// Answer the client with this error (redirected).
    case fail(OAuthError)
}

extension AuthorizationRequest {
    /// Decides the next step: login, consent or a code (OpenID Connect Core §3.1.2.3–§3.1.2.4).
    /// - Parameters:
    ///   - session: the user's session, if any.
    ///   - startedAt: when this request first arrived; a login after it satisfies `prompt=login` and `max_age`.
    ///   - consentedScopes: scopes the user has already granted this client.
    ///   - consentGiven: the user approved this very request.
    public func nextStep(
        session: SessionView?, client: ClientRegistration, startedAt: Date, consentedScopes: Set<String>,
        consentGiven: Bool, now: Date
    ) -> AuthorizationStep {
        let silent = prompts.contains(.none)
        guard let session else {
            return silent ? .fail(.loginRequired("no user is logged in")) : .login
        }
        let freshLogin = session.authTime >= startedAt
        if !freshLogin {
            if prompts.contains(.login) || prompts.contains(.selectAccount) { return .login }
            if let maxAge, now.timeIntervalSince(session.authTime) > TimeInterval(maxAge) {
                return silent ? .fail(.loginRequired("the login is older than max_age")) : .login
            }
            if let hintedSubject, hintedSubject != session.accountID {
                return silent ? .fail(.loginRequired("the logged-in user is not the one in id_token_hint")) : .login
            }
        }
        if !client.firstParty && !consentGiven {
            if prompts.contains(.consent) || !Set(scopes).isSubset(of: consentedScopes) {
                return silent ? .fail(.consentRequired("the user has not approved these scopes for this client")) : .consent
            }
        }
        return .issueCode(session)
    }
}
