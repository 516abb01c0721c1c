import Foundation
import PortvaktCore

/// Mail waiting to be delivered, shared by every node, so that nothing queued is lost when the mail server or a
/// node is down.
public protocol MailOutbox: Sendable {
    func enqueueMail(id: String, message: MailMessage, now: Date) async throws
    /// Claims up to `limit` mails that are due, for `lease` seconds: no other node claims them meanwhile, and a
    /// node that dies while sending lets another try once the lease ends. Each claim counts as an attempt.
    func claimDueMail(now: Date, lease: TimeInterval, limit: Int) async throws -> [QueuedMail]
    func markMailSent(id: String, at: Date) async throws
    func markMailFailed(id: String, error: String, retryAt: Date) async throws
    /// The newest mails first.
    func mailQueue(limit: Int) async throws -> [QueuedMail]
}
