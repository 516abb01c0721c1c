import ArgumentParser
import Foundation
import PortvaktCore
import PortvaktCrypto
import PortvaktStore

struct Businesses: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The customer register: import it, list and show businesses, add one.",
        subcommands: [Import.self, List.self, Show.self, Add.self])
}

extension Business.Kind: ExpressibleByArgument {}

extension Businesses {
    struct Import: PrintingCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import the register (CSV: customer_number,name,kind,registered_email,pin[,org_number]). Idempotent; PINs are "
                + "hashed with argon2id; an organisation number a row leaves out stays the one known; a file with a bad row imports nothing "
                + "and names every bad line.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The CSV file.") var file: String

        func output() async throws -> String {
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw CLIError("\(file): cannot read it as UTF-8 text")
            }
            let rows: [RegisterRow]
            switch CustomerRegister.parse(text, today: Date()) {
            case .failure(let problems):
                throw CLIError("\(file): nothing imported:\n" + problems.lines.map { "  \($0)" }.joined(separator: "\n"))
            case .success(let parsed): rows = parsed
            }
            let hasher = PasswordHasher()
            let (added, updated) = try await withStore(try options.loadConfiguration()) { store -> (Int, Int) in
                var added = 0, updated = 0
                for row in rows {
                    let existing = try await store.business(customerNumber: row.customerNumber)
                    let organisationNumberChanged = row.organisationNumber.map { $0 != existing?.organisationNumber } ?? false
                    if let existing,
                        existing.registeredEmail != row.registeredEmail || existing.name != row.name || existing.kind != row.kind
                            || organisationNumberChanged
                    {
                        // Every change of a known business is on record: its address decides who may link it.
                        var details = [
                            "name": "\(existing.name) -> \(row.name)", "kind": "\(existing.kind.rawValue) -> \(row.kind.rawValue)",
                            "registered_email": "\(existing.registeredEmail) -> \(row.registeredEmail)", "line": "\(row.line)",
                        ]
                        if organisationNumberChanged, let number = row.organisationNumber {
                            details["org_number"] = "\(existing.organisationNumber ?? "-") -> \(number)"
                        }
                        try await store.record(AuditEvent(
                            at: Date(), actor: cliActor, action: "business.register_changed", target: "business:\(row.customerNumber)",
                            details: details))
                    }
                    // An existing business keeps its PIN hash: hashing again would cost time and change nothing.
                    let pinHash = try existing == nil ? row.pin.map { try hasher.hash($0) } : nil
                    let isNew = try await store.saveBusiness(Business(
                        customerNumber: row.customerNumber, name: row.name, kind: row.kind, registeredEmail: row.registeredEmail,
                        pinHash: pinHash, createdAt: Date(), organisationNumber: row.organisationNumber))
                    if isNew { added += 1 } else { updated += 1 }
                }
                try await store.record(AuditEvent(
                    at: Date(), actor: cliActor, action: "businesses.imported", target: file,
                    details: ["added": "\(added)", "updated": "\(updated)"]))
                return (added, updated)
            }
            return "imported \(rows.count) businesses from \(file): \(added) new, \(updated) already known"
        }
    }

    struct List: PrintingCommand {
        static let configuration = CommandConfiguration(abstract: "Every business of the register.")
        @OptionGroup var options: CommonOptions

        func output() async throws -> String {
            let businesses = try await withStore(try options.loadConfiguration()) { try await $0.businesses() }
            let rows = businesses.map {
                [$0.customerNumber, $0.name, $0.kind.rawValue, formattedOrganisationNumber($0.organisationNumber), $0.registeredEmail,
                 $0.activatedAt == nil ? "no" : "yes", $0.pinHash == nil ? "-" : "set"]
            }
            return TextTable.render(
                header: ["CUSTOMER NUMBER", "NAME", "KIND", "ORG NUMBER", "REGISTERED E-MAIL", "ACTIVE", "PIN"], rows: rows)
        }
    }

    struct Show: PrintingCommand {
        static let configuration = CommandConfiguration(abstract: "One business with its members and invitations.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The customer number.") var customerNumber: String

        func output() async throws -> String {
            try await withStore(try options.loadConfiguration()) { store in
                guard let business = try await store.business(customerNumber: customerNumber) else {
                    throw CLIError("customer number \(customerNumber): no such business")
                }
                var lines = [
                    "customer number:   \(business.customerNumber)",
                    "name:              \(business.name)",
                    "kind:              \(business.kind.rawValue)",
                    "org number:        \(formattedOrganisationNumber(business.organisationNumber))",
                    "registered e-mail: \(business.registeredEmail)",
                    "active:            \(business.activatedAt.map(Timestamp.iso) ?? "no")",
                    "legacy PIN:        \(business.pinHash == nil ? "none or retired" : "set")",
                ]
                let members = try await store.members(customerNumber: customerNumber)
                lines.append("members:")
                for member in members { lines.append("  \(member.role.rawValue)\t\(member.email ?? "-")\t\(member.name ?? "")\t\(member.accountID)") }
                let invitations = try await store.invitations(customerNumber: customerNumber)
                lines.append("invitations:")
                for invitation in invitations {
                    lines.append(
                        "  \(invitation.state(now: Date()).rawValue)\t\(invitation.email)\t\(invitation.role.rawValue)\t\(Timestamp.iso(invitation.expiresAt))")
                }
                return lines.joined(separator: "\n")
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add one business to the register.")
        @OptionGroup var options: CommonOptions
        @Option(name: .customLong("customer-number"), help: "4 to 12 digits.") var customerNumber: String
        @Option(help: "The business's name.") var name: String
        @Option(help: "retailer, producer or importer.") var kind: Business.Kind
        @Option(name: .customLong("registered-email"), help: "The address on file: linking mails go here.") var registeredEmail: String
        @Option(help: "The legacy PIN (retailers only).") var pin: String?
        @Option(name: .customLong("org-number"), help: "The organisationsnummer, as NNNNNN-NNNN, 10 digits or 16NNNNNNNNNN.")
        var organisationNumber: String?

        func run() async throws {
            try await reportingErrors {
                // One row of the register, checked by the same rules as an import.
                let line = [customerNumber, name, kind.rawValue, registeredEmail, pin ?? "", organisationNumber ?? ""]
                    .map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
                let row: RegisterRow
                switch CustomerRegister.parse(CustomerRegister.headerWithOrganisationNumber.joined(separator: ",") + "\n" + line, today: Date()) {
                case .failure(let problems):
                    throw CLIError(problems.lines.joined(separator: "; ").replacingOccurrences(of: "line 2: ", with: ""))
                case .success(let rows):
                    guard let first = rows.first else { throw CLIError("the business is not valid") }
                    row = first
                }
                let hash = try row.pin.map { try PasswordHasher().hash($0) }
                try await withStore(try options.loadConfiguration()) { store in
                    // Never a silent change of an existing business: its registered address decides who may link it.
                    guard try await store.business(customerNumber: row.customerNumber) == nil else {
                        throw CLIError("--customer-number: \(customerNumber) is already in the register; nothing was changed")
                    }
                    try await store.saveBusiness(Business(
                        customerNumber: row.customerNumber, name: row.name, kind: row.kind, registeredEmail: row.registeredEmail, pinHash: hash,
                        createdAt: Date(), organisationNumber: row.organisationNumber))
                    var details = ["name": row.name, "kind": row.kind.rawValue, "registered_email": row.registeredEmail]
                    details["org_number"] = row.organisationNumber
                    try await store.record(AuditEvent(
                        at: Date(), actor: cliActor, action: "business.added", target: "business:\(row.customerNumber)", details: details))
                }
                print("added \(customerNumber) \(name)")
            }
        }
    }
}

/// A stored organisation number as it is written (`556036-0793`), or `-` where the register does not know it.
func formattedOrganisationNumber(_ digits: String?) -> String {
    guard let digits else { return "-" }
    return OrganisationNumber(normalised: digits)?.formatted ?? digits
}
