import Foundation
import PortvaktCore

/// The embedded default's mailbox: every mail is written to a folder as an `.eml` file (owner-only), so a
/// developer can read the codes without a mail server, with a `.json` file beside it for the `/mailbox` page
/// (`LocalMail`).
public struct LocalMailbox: Mailer {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public func deliver(_ message: MailMessage, encoded: String, id: String) async throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let now = Date()
        let stamp = Timestamp.iso(now).replacingOccurrences(of: ":", with: "")
        let base = "\(directory)/\(stamp)-\(id)"
        let summary = LocalMail(to: message.to.address, subject: message.subject, text: message.text, date: Timestamp.iso(now))
        // The summary first: the .eml file is what says "delivered" to whoever watches the folder.
        for (path, contents) in [(base + ".json", try JSONEncoder().encode(summary)), (base + ".eml", Data(encoded.utf8))] {
            guard FileManager.default.createFile(atPath: path, contents: contents, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        }
    }

    /// The summary of the mail with outbox id `id`, if it was delivered here.
    public func mail(id: String) -> LocalMail? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.first { $0.hasSuffix("-\(id).json") }.flatMap { name in
            FileManager.default.contents(atPath: "\(directory)/\(name)").flatMap { try? JSONDecoder().decode(LocalMail.self, from: $0) }
        }
    }

    /// The newest `limit` mails' summaries, newest first.
    public func recent(limit: Int) -> [LocalMail] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".json") }
        return names.sorted(by: >).prefix(max(0, limit)).compactMap { name in
            FileManager.default.contents(atPath: "\(directory)/\(name)").flatMap { try? JSONDecoder().decode(LocalMail.self, from: $0) }
        }
    }

    /// The mails in the folder, newest first.
    public func messages() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".eml") }.sorted(by: >)
    }
}
