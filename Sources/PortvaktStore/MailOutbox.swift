import Foundation
import PortvaktCore

/// A mail in the durable outbox.
public struct QueuedMail: Sendable, Equatable {
    public enum State: String, Sendable { case queued, retrying, sent }

    public var id: String
    public var message: MailMessage
    public var attempts: Int
    public var createdAt: Date
    public var nextAttemptAt: Date
    public var sentAt: Date?
    public var lastError: String?

    public init(
        id: String, message: MailMessage, attempts: Int, createdAt: Date, nextAttemptAt: Date, sentAt: Date? = nil, lastError: String? = nil
    ) {
        self.id = id
        self.message = message
        self.attempts = attempts
        self.createdAt = createdAt
        self.nextAttemptAt = nextAttemptAt
        self.sentAt = sentAt
        self.lastError = lastError
    }

    public var state: State { sentAt != nil ? .sent : lastError == nil ? .queued : .retrying }
}

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
