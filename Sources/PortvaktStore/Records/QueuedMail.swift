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
