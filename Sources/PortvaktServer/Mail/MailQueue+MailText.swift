import Foundation
import PortvaktCore

extension MailQueue {
    func enqueue(to: MailAddress, text: MailText, now: Date) async throws {
        try await enqueue(to: to, subject: text.subject, text: text.text, html: text.html, now: now)
    }

    /// The message `enqueue(to:text:now:)` would queue, for a store operation that queues it in its own transaction.
    func message(to: MailAddress, text: MailText) -> MailMessage {
        message(to: to, subject: text.subject, text: text.text, html: text.html)
    }
}
