public enum RefreshRotation: Sendable, Equatable {
    /// The old token is spent and the new one stored; here is the new one's record.
    case rotated(RefreshTokenRecord)
    /// The token had been rotated before: someone replays it, so its whole family must be revoked.
    case reused(grantID: String)
    case expired
    case unknown
}
