import Foundation

/// An e-mail to send: one recipient, a subject, and the same text as plain text and HTML.
public struct MailMessage: Sendable, Equatable, Codable {
    public var from: MailAddress
    public var to: MailAddress
    public var subject: String
    public var text: String
    public var html: String

    public init(from: MailAddress, to: MailAddress, subject: String, text: String, html: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
    }
}
