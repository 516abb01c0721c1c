import Foundation
import PortvaktCore
import SQLKit

extension SQLStore: BackchannelLogoutQueue {
    public func claimDueLogouts(now: Date, lease: TimeInterval, limit: Int) async throws -> [PendingLogout] {
        let nowSeconds = Timestamp.seconds(now)
        let until = Timestamp.seconds(now.addingTimeInterval(lease))
        return try await backend.withTransaction { db in
            // Logouts of a client that was removed, or registered again without a back-channel URI, are finished:
            // there is nobody to tell, and they must not hold claim slots or fail the batch.
            try await db.raw("""
                UPDATE backchannel_logouts SET finished_at = \(bind: nowSeconds), last_error = 'the client no longer takes back-channel logouts'
                WHERE finished_at IS NULL AND client_id NOT IN (SELECT id FROM clients WHERE backchannel_logout_uri IS NOT NULL)
                """).run()
            // The outer condition is checked again on each row: of two nodes claiming at once, one gets a row.
            let claimed = try await db.raw("""
                UPDATE backchannel_logouts SET next_attempt_at = \(bind: until), attempts = attempts + 1
                WHERE id IN (SELECT id FROM backchannel_logouts WHERE finished_at IS NULL AND next_attempt_at <= \(bind: nowSeconds)
                             ORDER BY next_attempt_at LIMIT \(bind: limit))
                  AND finished_at IS NULL AND next_attempt_at <= \(bind: nowSeconds)
                RETURNING id
                """).all().map { try $0.decode(column: "id", as: String.self) }
            var logouts: [PendingLogout] = []
            for id in claimed {
                logouts += try await db.raw(Self.selectLogouts + " WHERE l.id = \(bind: id)").all().map(Self.decodeLogout)
            }
            return logouts
        }
    }

    public func markLogoutDelivered(id: String, at: Date) async throws {
        try await backend.withSession { db in
            try await db.update("backchannel_logouts").set("finished_at", to: Timestamp.seconds(at)).set("delivered", to: true)
                .set("last_error", to: SQLLiteral.null).where("id", .equal, id).run()
        }
    }

    public func markLogoutFailed(id: String, error: String, retryAt: Date?, at: Date) async throws {
        try await backend.withSession { db in
            var update = db.update("backchannel_logouts").set("last_error", to: String(error.prefix(500)))
            if let retryAt {
                update = update.set("next_attempt_at", to: Timestamp.seconds(retryAt))
            } else {
                update = update.set("finished_at", to: Timestamp.seconds(at))
            }
            try await update.where("id", .equal, id).run()
        }
    }

    public func pendingLogouts(limit: Int) async throws -> [PendingLogout] {
        try await backend.withSession { db in
            try await db.raw(Self.selectLogouts + " WHERE l.finished_at IS NULL ORDER BY l.created_at, l.id LIMIT \(bind: max(0, limit))")
                .all().map(Self.decodeLogout)
        }
    }

    private static let selectLogouts: SQLQueryString = """
        SELECT l.id, l.client_id, l.account_id, l.sid, l.attempts, l.created_at, c.backchannel_logout_uri
        FROM backchannel_logouts l JOIN clients c ON c.id = l.client_id
        """

    private static func decodeLogout(_ row: any SQLRow) throws -> PendingLogout {
        PendingLogout(
            id: try row.decode(column: "id", as: String.self), clientID: try row.decode(column: "client_id", as: String.self),
            uri: try row.decode(column: "backchannel_logout_uri", as: String.self),
            accountID: try row.decode(column: "account_id", as: String.self), sid: try row.decode(column: "sid", as: String?.self),
            attempts: try row.decode(column: "attempts", as: Int.self),
            createdAt: Timestamp.date(seconds: try row.decode(column: "created_at", as: Int64.self)))
    }

    /// Queues, in `db`, a logout for every client with a back-channel logout URI that holds one of the grants
    /// `grants` selects (a subquery of grant ids): one per client and session (or per client and grant without one).
    /// A client that registered `backchannel_logout_session_required` is told only of grants with a session: its
    /// logout token must carry `sid` (Back-Channel Logout 1.0 §2.2), and only grants from before sessions were
    /// recorded lack one.
    static func queueLogouts(_ db: any SQLDatabase, grants: SQLQueryString, at: Date) async throws {
        let seconds = Timestamp.seconds(at)
        try await db.raw("""
            INSERT INTO backchannel_logouts (id, client_id, account_id, sid, created_at, attempts, next_attempt_at)
            SELECT DISTINCT g.client_id || ' ' || COALESCE(g.sid, g.id) || ' ' || \(bind: String(seconds)), g.client_id, g.account_id, g.sid,
                   \(bind: seconds), 0, \(bind: seconds)
            FROM grants g JOIN clients c ON c.id = g.client_id
            WHERE g.id IN (\(grants)) AND g.account_id IS NOT NULL AND c.backchannel_logout_uri IS NOT NULL
              AND (g.sid IS NOT NULL OR NOT c.backchannel_logout_session_required)
            ON CONFLICT (id) DO NOTHING
            """).run()
    }
}
