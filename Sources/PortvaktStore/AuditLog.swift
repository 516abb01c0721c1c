import PortvaktCore

/// The append-only log of security events.
public protocol AuditLog: Sendable {
    /// Appends an event and returns it with its id.
    @discardableResult
    func record(_ event: AuditEvent) async throws -> AuditEvent
    /// The newest events first, at most `limit`, older than the event `before` when given.
    func auditEvents(limit: Int, before: Int64?) async throws -> [AuditEvent]
}
