import Foundation
import PortvaktCore
import SQLKit

extension SQLStore: AuditLog {
    @discardableResult
    public func record(_ event: AuditEvent) async throws -> AuditEvent {
        try await backend.withSession { db in try await Self.insertAuditEvent(event, into: db) }
    }

    /// Inserts an event on `db`, so that a change and its audit record can share one transaction.
    static func insertAuditEvent(_ event: AuditEvent, into db: any SQLDatabase) async throws -> AuditEvent {
        let details = try JSONText.encode(event.details)
        let row = try await db.insert(into: "audit_events")
            .columns("at", "actor", "action", "target", "source", "details")
            .values(
                SQLBind(Timestamp.seconds(event.at)), SQLBind(event.actor), SQLBind(event.action),
                SQLBind(event.target), SQLBind(event.source), SQLBind(details))
            .returning("id")
            .first()
        var recorded = event
        recorded.id = try row?.decode(column: "id", as: Int64.self)
        return recorded
    }

    public func auditEvents(limit: Int, before: Int64?) async throws -> [AuditEvent] {
        try await backend.withSession { db in
            var query = db.select().column("*").from("audit_events")
            if let before {
                query = query.where("id", .lessThan, before)
            }
            return try await query.orderBy("id", .descending).limit(max(0, limit)).all().map(Self.decodeAuditEvent)
        }
    }

    /// The events about `target`, oldest first.
    static func auditEvents(target: String, in db: any SQLDatabase) async throws -> [AuditEvent] {
        try await db.select().column("*").from("audit_events").where("target", .equal, target).orderBy("id", .ascending).all()
            .map(decodeAuditEvent)
    }

    static func decodeAuditEvent(_ row: any SQLRow) throws -> AuditEvent {
        let detailsText = try row.decode(column: "details", as: String.self)
        let details = (try? JSONDecoder().decode([String: String].self, from: Data(detailsText.utf8))) ?? [:]
        return AuditEvent(
            id: try row.decode(column: "id", as: Int64.self),
            at: Timestamp.date(seconds: try row.decode(column: "at", as: Int64.self)),
            actor: try row.decode(column: "actor", as: String.self),
            action: try row.decode(column: "action", as: String.self),
            target: try row.decode(column: "target", as: String?.self),
            source: try row.decode(column: "source", as: String?.self),
            details: details)
    }
}
