import PortvaktCore

/// Delivers one encoded message. Failures are thrown; the outbox worker retries them.
public protocol Mailer: Sendable {
    func deliver(_ message: MailMessage, encoded: String, id: String) async throws
}
