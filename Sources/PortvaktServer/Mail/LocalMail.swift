import Foundation

/// One mail of the local mailbox as the `/mailbox` page shows it, kept beside its `.eml` file as JSON: the
/// outbox forgets a mail's text once it is sent, so the page reads the folder, not the store.
public struct LocalMail: Codable, Sendable, Equatable {
    public var to: String
    public var subject: String
    public var text: String
    public var date: String
}
