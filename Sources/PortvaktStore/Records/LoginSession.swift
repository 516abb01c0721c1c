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
    /// The browser's `User-Agent` at login (its first 256 characters), for the account page; nil when the browser
    /// sent none, or for a session from before it was kept.
    public var userAgent: String?
    /// The client address it logged in from (as for rate limits and the audit log); nil when unknown.
    public var address: String?

    public init(
        sid: String, accountID: String, authTime: Date, acr: String?, amr: [String], createdAt: Date, lastSeenAt: Date, expiresAt: Date,
        userAgent: String? = nil, address: String? = nil
    ) {
        self.sid = sid
        self.accountID = accountID
        self.authTime = authTime
        self.acr = acr
        self.amr = amr
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.expiresAt = expiresAt
        self.userAgent = userAgent
        self.address = address
    }

    public var view: SessionView { SessionView(accountID: accountID, sid: sid, authTime: authTime, acr: acr) }
}
