import Foundation
import PortvaktCore

extension MailQueue {
    func enqueue(to: MailAddress, text: MailText, now: Date) async throws {
        try await enqueue(to: to, subject: text.subject, text: text.text, html: text.html, now: now)
    }
}
