import ArgumentParser
import Foundation
import PortvaktCore
import PortvaktStore

struct Staff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The operator's staff: give an account a desk role, list the staff, take the roles back.",
        subcommands: [Add.self, List.self, Remove.self])
}

extension StaffRole: ExpressibleByArgument {}

/// The audit log's actor for the staff and application commands: exactly `cli`, as an application's history shows
/// it beside the desk's `account:<id>`. (The other commands record `cliActor`, `cli:<user>`; here `cli:<user>` goes
/// into the event's source.)
let cliDeskActor = "cli"

extension Staff {
    struct Add: PrintingCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give an existing account a staff role (reviewer: decides applications; support: customer service).")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The account's e-mail address.") var email: String
        @Option(help: "reviewer or support.") var role: StaffRole

        func output() async throws -> String {
            try await withStore(try options.loadConfiguration()) { store in
                let account = try await staffAccount(email, in: store)
                let added = try await store.grantStaffRole(role, accountID: account.id, actor: cliDeskActor, source: cliActor, at: Date())
                return added ? "\(account.email ?? email) is now \(role.rawValue)" : "\(account.email ?? email) already has the role \(role.rawValue)"
            }
        }
    }

    struct List: PrintingCommand {
        static let configuration = CommandConfiguration(abstract: "Every account with a staff role.")
        @OptionGroup var options: CommonOptions

        func output() async throws -> String {
            let members = try await withStore(try options.loadConfiguration()) { try await $0.staffMembers() }
            let rows = members.map { member in
                [member.email ?? "-", member.name ?? "-", member.roles.map(\.rawValue).joined(separator: ","), Timestamp.iso(member.since)]
            }
            return TextTable.render(header: ["E-MAIL", "NAME", "ROLES", "SINCE"], rows: rows)
        }
    }

    struct Remove: PrintingCommand {
        static let configuration = CommandConfiguration(abstract: "Take every staff role from an account.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The account's e-mail address.") var email: String

        func output() async throws -> String {
            try await withStore(try options.loadConfiguration()) { store in
                let account = try await staffAccount(email, in: store)
                let roles = try await store.removeStaff(accountID: account.id, actor: cliDeskActor, source: cliActor, at: Date())
                let address = account.email ?? email
                return roles.isEmpty
                    ? "\(address) had no staff role; nothing was changed"
                    : "\(address) is no longer staff: took \(roles.map(\.rawValue).joined(separator: ", "))"
            }
        }
    }
}

/// The account with the e-mail address, or an error naming it: staff are ordinary accounts, made by signing up.
private func staffAccount(_ email: String, in store: SQLStore) async throws -> Account {
    guard let account = try await store.account(email: email.trimmingCharacters(in: .whitespaces)) else {
        throw CLIError("EMAIL: no account has the e-mail address \(email); the person signs up first")
    }
    return account
}
