import Foundation
import PortvaktCore

public struct AuthorizationCodeRecord: Sendable, Equatable, Codable {
    public var context: GrantContext
    public var redirectURI: String
    public var codeChallenge: String?
    public var createdAt: Date
    public var expiresAt: Date

    public init(context: GrantContext, redirectURI: String, codeChallenge: String?, createdAt: Date, expiresAt: Date) {
        self.context = context
        self.redirectURI = redirectURI
        self.codeChallenge = codeChallenge
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
