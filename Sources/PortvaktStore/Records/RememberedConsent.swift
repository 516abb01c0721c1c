import Foundation

/// A client the account has approved once and is not asked about again: its scopes and when.
public struct RememberedConsent: Sendable, Equatable {
    public var clientID: String
    public var scopes: [String]
    public var grantedAt: Date

    public init(clientID: String, scopes: [String], grantedAt: Date) {
        self.clientID = clientID
        self.scopes = scopes
        self.grantedAt = grantedAt
    }
}
