import ArgumentParser
import Foundation
import PortvaktCore
import PortvaktStore

struct Mail: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Look at the mail outbox.", subcommands: [List.self])
}

extension Mail {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every queued, retrying and sent mail, newest first.")
        @OptionGroup var options: CommonOptions
        @Option(help: "How many to show.") var limit = 50

        func run() async throws {
            try await reportingErrors {
                let mails = try await withStore(try options.loadConfiguration()) { try await $0.mailQueue(limit: limit) }
                let rows = mails.map { mail in
                    [
                        String(mail.id.prefix(10)), mail.state.rawValue, mail.message.to.address, String(mail.attempts),
                        Timestamp.iso(mail.createdAt), mail.sentAt.map(Timestamp.iso) ?? Timestamp.iso(mail.nextAttemptAt),
                        mail.lastError.map { String($0.prefix(60)) } ?? "",
                    ]
                }
                print(TextTable.render(header: ["ID", "STATE", "TO", "ATTEMPTS", "QUEUED", "SENT/NEXT", "LAST ERROR"], rows: rows))
            }
        }
    }
}
