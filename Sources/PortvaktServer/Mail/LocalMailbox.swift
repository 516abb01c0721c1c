import Foundation
import PortvaktCore

/// The embedded default's mailbox: every mail is written to a folder as an `.eml` file (owner-only), so a
/// developer can read the codes without a mail server.
public struct LocalMailbox: Mailer {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public func deliver(_ message: MailMessage, encoded: String, id: String) async throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let stamp = Timestamp.iso(Date()).replacingOccurrences(of: ":", with: "")
        let path = "\(directory)/\(stamp)-\(id).eml"
        guard FileManager.default.createFile(atPath: path, contents: Data(encoded.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    /// The mails in the folder, newest first.
    public func messages() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".eml") }.sorted(by: >)
    }
}
