import Foundation
import Logging
import PortvaktCore
import PortvaktStore
import ServiceLifecycle

/// Delivers the outbox: claims due mails, hands them to the mailer, and reschedules failures with backoff
/// (`OutboxSchedule`). Several nodes may run it; the store's lease lets one deliver each mail.
struct OutboxWorker: PollingWorker {
    let outbox: any MailOutbox
    let mailer: any Mailer
    let messageIDDomain: String
    let logger: Logger
    let interval: Duration = .seconds(2)
    /// How long a claimed mail is reserved for this node.
    static var lease: TimeInterval { 120 }

    /// One round: every due mail gets one try. Returns how many were delivered.
    @discardableResult
    func deliverDue(now: Date) async -> Int {
        let claimed: [QueuedMail]
        do {
            claimed = try await outbox.claimDueMail(now: now, lease: Self.lease, limit: 20)
        } catch {
            logger.error("cannot read the mail outbox: \(error)")
            return 0
        }
        var delivered = 0
        for mail in claimed {
            let encoded = MIMEEncoder.encode(
                mail.message, date: mail.createdAt, messageID: "\(mail.id)@\(messageIDDomain)", boundary: "portvakt-\(mail.id)")
            do {
                try await mailer.deliver(mail.message, encoded: encoded, id: mail.id)
                try await outbox.markMailSent(id: mail.id, at: Date())
                delivered += 1
            } catch {
                let retry = OutboxSchedule.nextAttempt(afterAttempts: mail.attempts, now: Date())
                logger.warning("mail \(mail.id) to \(mail.message.to.address) not delivered (attempt \(mail.attempts)); retrying at \(Timestamp.iso(retry)): \(error)")
                try? await outbox.markMailFailed(id: mail.id, error: "\(error)", retryAt: retry)
            }
        }
        return delivered
    }
}
