import Foundation

/// The user's single sign-on session as the authorization endpoint sees it.
public struct SessionView: Sendable, Equatable {
    public var accountID: String
    public var sid: String
    public var authTime: Date
    /// How the session's user logged in.
    public var acr: String?

    public init(accountID: String, sid: String, authTime: Date, acr: String? = nil) {
        self.accountID = accountID
        self.sid = sid
        self.authTime = authTime
        self.acr = acr
    }
}
