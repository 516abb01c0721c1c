import Foundation

/// What the browser carries, sealed, between the authorization request and the callback.
struct PendingLogin: Codable, Sendable {
    var state: String
    var nonce: String
    var codeVerifier: String
    /// A path of this app to go back to after login.
    var returnTo: String
    var startedAt: Double
}
