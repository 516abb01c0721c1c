import Hummingbird

/// A request context that can carry the caller's verified access token, which `BearerMiddleware` sets before any
/// handler behind it runs.
public protocol AccessTokenRequestContext: RequestContext {
    var accessToken: AccessToken? { get set }
}

extension AccessTokenRequestContext {
    /// The verified token behind `BearerMiddleware`; a handler reached without it answers 401.
    public func requireAccessToken() throws -> AccessToken {
        guard let accessToken else { throw BearerError.missing() }
        return accessToken
    }
}
