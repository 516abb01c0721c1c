import Foundation

/// A back-channel logout waiting to be delivered to a client: who logged out (`accountID`, and the session `sid`
/// where there was one), and where to tell it. Written in the transaction that ended the session or the grants.
public struct PendingLogout: Sendable, Equatable {
    public var id: String
    public var clientID: String
    public var uri: String
    public var accountID: String
    public var sid: String?
    /// Delivery attempts so far, this one included.
    public var attempts: Int
    public var createdAt: Date
}
