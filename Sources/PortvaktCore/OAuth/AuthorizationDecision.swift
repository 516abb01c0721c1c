import Foundation

extension AuthorizationRequest {
    /// Decides the next step: login, consent, the business to act for, or a code (OpenID Connect Core
    /// §3.1.2.3–§3.1.2.4). Pure: everything it looks at comes in.
    /// - Parameters:
    ///   - session: the user's session, if any.
    ///   - startedAt: when this request first arrived; a login after it satisfies `prompt=login` and `max_age`.
    ///   - consentedScopes: scopes the user has already granted this client.
    ///   - consentGiven: the user approved this very request.
    ///   - businesses: the session account's active businesses (only read when the request asks for `business`
    ///     or `business:<customer_number>`).
    ///   - supportedAcrValues: the `acr` values this server's login methods produce (`acrSatisfied`).
    public func nextStep(
        session: SessionView?, client: ClientRegistration, startedAt: Date, consentedScopes: Set<String>,
        consentGiven: Bool, businesses: [ActiveMembership], supportedAcrValues: Set<String> = [], now: Date
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
        // Also after a login during this request: one made with another method (a password page opened by hand
        // while BankID was asked for) does not count.
        if !acrSatisfied(by: session.acr, supported: supportedAcrValues) {
            return silent ? .fail(.loginRequired("the session's acr is not one of acr_values")) : .login
        }
        if !client.firstParty && !consentGiven {
            if prompts.contains(.consent) || !Set(scopes).isSubset(of: consentedScopes) {
                return silent ? .fail(.consentRequired("the user has not approved these scopes for this client")) : .consent
            }
        }
        return businessStep(session: session, businesses: businesses)
    }

    /// Whether a session that logged in with `acr` satisfies the request's `acr_values` (OpenID Connect Core
    /// §3.1.2.1). `acr_values` is a voluntary claim, so only a request that names nothing but values this server's
    /// login methods produce asks for a new login (step-up), say BankID over a password session; any other request
    /// takes the session as it is. A value names its more specific forms too: `urn:grn:authn:se:bankid` is
    /// satisfied by `urn:grn:authn:se:bankid:same-device`.
    public func acrSatisfied(by acr: String?, supported: Set<String>) -> Bool {
        guard !acrValues.isEmpty, acrValues.allSatisfy(supported.contains) else { return true }
        guard let acr else { return false }
        return acrValues.contains { acr == $0 || acr.hasPrefix($0 + ":") }
    }

    /// Whether `nextStep` needs the account's active businesses: the request asks to act for a business.
    public var asksForBusiness: Bool { scopes.contains(where: BusinessScope.isBusinessScope) }

    /// The business scopes: `business:<customer_number>` must name an active business of the account; `business`
    /// becomes the only one's, or the user picks among several. Without an active business it may act for, the
    /// user links one inside the flow (business onboarding). `prompt=none` forbids both pages (OpenID Connect Core
    /// §3.1.2.6 `interaction_required`). `memberships` never blocks: with no business its claim is empty.
    private func businessStep(session: SessionView, businesses active: [ActiveMembership]) -> AuthorizationStep {
        var scopes = scopes
        for (index, scope) in scopes.enumerated() {
            if let number = BusinessScope.customerNumber(in: scope) {
                guard active.contains(where: { $0.customerNumber == number }) else {
                    return prompts.contains(.none)
                        ? .fail(.interactionRequired("the account is not a member of an active business \(number)"))
                        : .onboardBusiness(customerNumber: number)
                }
            } else if scope == BusinessScope.any {
                switch active.count {
                case 0:
                    return prompts.contains(.none)
                        ? .fail(.interactionRequired("the account has no active business")) : .onboardBusiness(customerNumber: nil)
                case 1:
                    scopes[index] = BusinessScope.scope(for: active[0].customerNumber)
                default:
                    return prompts.contains(.none) ? .fail(.interactionRequired("the user must choose a business")) : .chooseBusiness(active)
                }
            }
        }
        return .issueCode(session, scopes: scopes)
    }
}
