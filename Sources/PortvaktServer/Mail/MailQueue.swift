import Foundation
import PortvaktCore
import PortvaktCrypto
import PortvaktStore

/// Queues mail in the store's outbox: the flows that send mail only ever call `enqueue`, which cannot fail
/// because a mail server is down.
public struct MailQueue: Sendable {
    let outbox: any MailOutbox
    let from: MailAddress
    /// The `ui` settings every mail is written with: the service's and the organisation's names, the support link.
    let ui: UI

    /// The queue the configuration describes: its sender (`mail.from`) and its `ui`. Public so that the CLI queues
    /// the same mails as the server (`portvakt applications approve`).
    public init(outbox: any MailOutbox, configuration: Configuration) {
        self.outbox = outbox
        self.from = configuration.mail.from
        self.ui = configuration.ui
    }

    public func enqueue(to: MailAddress, subject: String, text: String, html: String, now: Date) async throws {
        try await outbox.enqueueMail(id: RandomToken.generate(bits: 128), message: message(to: to, subject: subject, text: text, html: html), now: now)
    }

    /// The message `enqueue` would queue, for a store operation that queues it in its own transaction.
    public func message(to: MailAddress, subject: String, text: String, html: String) -> MailMessage {
        MailMessage(from: from, to: to, subject: subject, text: text, html: html)
    }
}
