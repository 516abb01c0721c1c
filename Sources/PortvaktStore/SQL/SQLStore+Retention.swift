import Foundation
import PortvaktCore
import SQLKit

extension SQLStore: RetentionStore {
    public func purgeRetained(_ retention: Retention, now: Date) async throws -> Int {
        let seconds = Timestamp.seconds(now)
        func before(_ interval: TimeInterval) -> Int64 { seconds - Int64(interval) }
        let limit = retention.batchSize
        // Each statement deletes one batch, chosen by a subquery, and is its own short transaction.
        let statements: [SQLQueryString] = [
            "DELETE FROM audit_events WHERE id IN (SELECT id FROM audit_events WHERE at < \(bind: before(retention.auditLog)) LIMIT \(unsafeRaw: String(limit))) RETURNING id",
            "DELETE FROM grants WHERE id IN (SELECT id FROM grants WHERE revoked_at < \(bind: before(retention.endedGrant)) OR created_at < \(bind: before(retention.grantLifetime)) LIMIT \(unsafeRaw: String(limit))) RETURNING id",
            "DELETE FROM invitations WHERE id IN (SELECT id FROM invitations WHERE accepted_at < \(bind: before(retention.endedInvitation)) OR revoked_at < \(bind: before(retention.endedInvitation)) OR expires_at < \(bind: before(retention.endedInvitation)) LIMIT \(unsafeRaw: String(limit))) RETURNING id",
            "DELETE FROM business_link_tokens WHERE digest IN (SELECT digest FROM business_link_tokens WHERE expires_at < \(bind: before(retention.endedLinkToken)) OR used_at < \(bind: before(retention.endedLinkToken)) LIMIT \(unsafeRaw: String(limit))) RETURNING digest",
            "DELETE FROM denied_tokens WHERE jti IN (SELECT jti FROM denied_tokens WHERE expires_at < \(bind: before(retention.deniedToken)) LIMIT \(unsafeRaw: String(limit))) RETURNING jti",
            "DELETE FROM mail_outbox WHERE id IN (SELECT id FROM mail_outbox WHERE sent_at < \(bind: before(retention.sentMail)) LIMIT \(unsafeRaw: String(limit))) RETURNING id",
            "DELETE FROM backchannel_logouts WHERE id IN (SELECT id FROM backchannel_logouts WHERE finished_at < \(bind: before(retention.sentMail)) LIMIT \(unsafeRaw: String(limit))) RETURNING id",
            // Consents have a two-column key: the row's own identity (rowid / ctid) picks the batch.
            consentPurge(before: before(retention.consent), limit: limit),
        ]
        var deleted = 0
        for statement in statements {
            deleted += try await backend.withSession { db in try await db.raw(statement).all().count }
        }
        return deleted
    }

    /// Consents granted before `cutoff` (the user is asked again), and consents whose client was removed.
    private func consentPurge(before cutoff: Int64, limit: Int) -> SQLQueryString {
        let rowID = backend.engine == .sqlite ? "rowid" : "ctid"
        return """
            DELETE FROM consents WHERE \(unsafeRaw: rowID) IN (SELECT \(unsafeRaw: rowID) FROM consents WHERE granted_at < \(bind: cutoff) \
            OR client_id NOT IN (SELECT id FROM clients) LIMIT \(unsafeRaw: String(limit))) RETURNING client_id
            """
    }
}
