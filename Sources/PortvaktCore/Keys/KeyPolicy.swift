import Foundation

/// The timing rules of key rotation, all in seconds.
public struct KeyPolicy: Sendable, Equatable {
    /// How long relying parties may cache the JWKS (`Cache-Control: max-age`).
    public var jwksMaxAge: Int
    /// How often every node reloads the keys from the store.
    public var refreshInterval: Int
    /// The longest lifetime of any token signed with these keys.
    public var maxTokenLifetime: Int
    /// Allowance for clocks of relying parties running behind ours.
    public var clockSkew: Int

    public init(jwksMaxAge: Int, refreshInterval: Int, maxTokenLifetime: Int, clockSkew: Int = 60) {
        self.jwksMaxAge = jwksMaxAge
        self.refreshInterval = refreshInterval
        self.maxTokenLifetime = maxTokenLifetime
        self.clockSkew = clockSkew
    }

    /// A new key may sign once every node has published it (one refresh) and every JWKS cached
    /// before that has expired (one max-age).
    public var publicationDelay: TimeInterval { TimeInterval(jwksMaxAge + refreshInterval) }

    /// A retired key may leave the JWKS once a node that has not yet noticed the retirement (one refresh)
    /// has stopped signing with it, and the last token it signed has expired (plus clock skew).
    public var retirementHorizon: TimeInterval { TimeInterval(refreshInterval + maxTokenLifetime + clockSkew) }
}
