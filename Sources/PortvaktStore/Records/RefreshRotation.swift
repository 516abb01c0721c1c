public enum RefreshRotation: Sendable, Equatable {
    /// The old token is spent and the new one stored; here is the new one's record.
    case rotated(RefreshTokenRecord)
    /// The token had been rotated before: someone replays it, so its whole family must be revoked.
    case reused(grantID: String)
    /// The token's grant was revoked (logout, password reset, a revoked family) or is gone: not a theft.
    case revoked(grantID: String)
    case expired
    case unknown
}
