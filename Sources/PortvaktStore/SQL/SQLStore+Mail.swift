import Foundation
import PortvaktCore
import SQLKit

extension SQLStore: MailOutbox {
    public func enqueueMail(id: String, message: MailMessage, now: Date) async throws {
        try await backend.withSession { db in try await Self.insertMail(message, id: id, now: now, into: db) }
    }

    /// Queues a mail on `db`: in another operation's transaction, the mail is queued if and only if that commits.
    /// `id` defaults to a new random one (the outbox's key and the Message-ID's left part).
    static func insertMail(_ message: MailMessage, id: String = UUID().uuidString.lowercased(), now: Date, into db: any SQLDatabase)
        async throws
    {
        let text = try JSONText.encode(message)
        let seconds = Timestamp.seconds(now)
        try await db.insert(into: "mail_outbox")
            .columns("id", "message", "recipient", "attempts", "created_at", "next_attempt_at")
            .values(SQLBind(id), SQLBind(text), SQLBind(message.to.address), SQLBind(0), SQLBind(seconds), SQLBind(seconds))
            .run()
    }

    public func claimDueMail(now: Date, lease: TimeInterval, limit: Int) async throws -> [QueuedMail] {
        let nowSeconds = Timestamp.seconds(now)
        let until = Timestamp.seconds(now.addingTimeInterval(lease))
        return try await backend.withTransaction { db in
            // The outer condition is checked again on each row: of two nodes claiming at once, one gets a row.
            try await db.raw("""
                UPDATE mail_outbox SET next_attempt_at = \(bind: until), attempts = attempts + 1
                WHERE id IN (SELECT id FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_at <= \(bind: nowSeconds)
                             ORDER BY next_attempt_at LIMIT \(bind: limit))
                  AND sent_at IS NULL AND next_attempt_at <= \(bind: nowSeconds)
                RETURNING *
                """).all().map(Self.decodeMail)
        }
    }

    /// Marks the mail sent and forgets its text and HTML (which may carry a code or a link): only who, when and
    /// what subject stay, until the retention ends.
    public func markMailSent(id: String, at: Date) async throws {
        try await backend.withTransaction { db in
            guard let stored = try await db.select().column("message").from("mail_outbox").where("id", .equal, id)
                .first(decodingColumn: "message", as: String.self)
            else { return }
            var message = try JSONText.decode(MailMessage.self, stored)
            message.text = ""
            message.html = ""
            try await db.update("mail_outbox").set("sent_at", to: Timestamp.seconds(at)).set("last_error", to: SQLLiteral.null)
                .set("message", to: try JSONText.encode(message)).where("id", .equal, id).run()
        }
    }

    public func markMailFailed(id: String, error: String, retryAt: Date) async throws {
        try await backend.withSession { db in
            try await db.update("mail_outbox").set("last_error", to: String(error.prefix(500)))
                .set("next_attempt_at", to: Timestamp.seconds(retryAt)).where("id", .equal, id).run()
        }
    }

    public func mailQueue(limit: Int) async throws -> [QueuedMail] {
        try await backend.withSession { db in
            try await db.select().column("*").from("mail_outbox").orderBy("created_at", .descending).orderBy("id", .descending)
                .limit(max(0, limit)).all().map(Self.decodeMail)
        }
    }

    static func decodeMail(_ row: any SQLRow) throws -> QueuedMail {
        QueuedMail(
            id: try row.decode(column: "id", as: String.self),
            message: try JSONText.decode(MailMessage.self, try row.decode(column: "message", as: String.self)),
            attempts: try row.decode(column: "attempts", as: Int.self),
            createdAt: Timestamp.date(seconds: try row.decode(column: "created_at", as: Int64.self)),
            nextAttemptAt: Timestamp.date(seconds: try row.decode(column: "next_attempt_at", as: Int64.self)),
            sentAt: try row.decode(column: "sent_at", as: Int64?.self).map(Timestamp.date(seconds:)),
            lastError: try row.decode(column: "last_error", as: String?.self))
    }
}
