import Foundation

/// One security-relevant event: who did what, to what, when, and from where.
public struct AuditEvent: Sendable, Equatable {
    /// Assigned by the store; nil before the event is recorded.
    public var id: Int64?
    public var at: Date
    /// Who acted: `cli:root`, `account:<id>`, `system`.
    public var actor: String
    /// What happened, dotted: `key.rotated`, `login.failed`.
    public var action: String
    /// What it happened to: a kid, an account, a business.
    public var target: String?
    /// Where from: the client's IP address, or nil for local actions.
    public var source: String?
    /// Further facts, as short strings.
    public var details: [String: String]

    public init(
        id: Int64? = nil, at: Date, actor: String, action: String, target: String? = nil, source: String? = nil,
        details: [String: String] = [:]
    ) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.target = target
        self.source = source
        self.details = details
    }
}
