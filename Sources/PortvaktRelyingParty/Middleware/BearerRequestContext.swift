import Hummingbird

/// A ready-made context for apps with nothing else to carry: the core context and the access token.
public struct BearerRequestContext: AccessTokenRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var accessToken: AccessToken?

    public init(source: Source) {
        coreContext = .init(source: source)
    }
}
