import Foundation
import PortvaktCore

/// An authorization request waiting for the user to log in or consent, known to the browser only by `id`, and
/// bound to the browser that started it (the digest of a random value in that browser's cookie), so that a link
/// to it sent to someone else leads nowhere.
public struct PendingAuthorization: Sendable, Equatable {
    public var id: String
    public var request: AuthorizationRequest
    public var createdAt: Date
    public var expiresAt: Date
    public var browserBinding: [UInt8]
    /// The session (`sid`) whose user approved this request on the consent page, if any.
    public var consentSID: String?

    public init(
        id: String, request: AuthorizationRequest, createdAt: Date, expiresAt: Date, browserBinding: [UInt8], consentSID: String? = nil
    ) {
        self.id = id
        self.request = request
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.browserBinding = browserBinding
        self.consentSID = consentSID
    }
}
