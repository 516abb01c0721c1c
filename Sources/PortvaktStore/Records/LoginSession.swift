import Foundation
import PortvaktCore

/// A single sign-on session. Its cookie holds a secret the store knows only by digest; `sid` is public.
public struct LoginSession: Sendable, Equatable {
    public var sid: String
    public var accountID: String
    public var authTime: Date
    public var acr: String?
    public var amr: [String]
    public var createdAt: Date
    public var lastSeenAt: Date
    /// The absolute end, whatever the activity.
    public var expiresAt: Date

    public init(sid: String, accountID: String, authTime: Date, acr: String?, amr: [String], createdAt: Date, lastSeenAt: Date, expiresAt: Date) {
        self.sid = sid
        self.accountID = accountID
        self.authTime = authTime
        self.acr = acr
        self.amr = amr
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.expiresAt = expiresAt
    }

    public var view: SessionView { SessionView(accountID: accountID, sid: sid, authTime: authTime, acr: acr) }
}
