/// What the authorization endpoint does next with a valid request: every outcome of `nextStep`, so the endpoint
/// only carries it out.
public enum AuthorizationStep: Equatable, Sendable {
    /// The user must log in (again).
    case login
    /// The user must approve the scopes.
    case consent
    /// The request asks for `business` and the account has several active businesses: the user picks the one to
    /// act for among these, and the request's scope becomes `business:<customer_number>`.
    case chooseBusiness([ActiveMembership])
    /// The request asks for `business` (or `business:<customer_number>`) and the account has no active business
    /// it may act for: the user links one (and activates it) inside the flow, or cancels. `customerNumber` is the
    /// business the request names, if it names one.
    case onboardBusiness(customerNumber: String?)
    /// Issue a code to the session's account with these scopes: the request's, with `business` narrowed to
    /// `business:<customer_number>` of the account's only active business.
    case issueCode(SessionView, scopes: [String])
    /// Answer the client with this error (redirected).
    case fail(OAuthError)
}
