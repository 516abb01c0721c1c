import ArgumentParser
import Foundation
import PortvaktCore
import PortvaktServer
import PortvaktStore

struct Applications: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Applications from new customers: the queue, one application, and a reviewer's decisions (as at the staff desk).",
        subcommands: [List.self, Show.self, Approve.self, RequestInfo.self, Reject.self])
}

extension ApplicationStatus: ExpressibleByArgument {}

/// `--status` of `applications list`: one status, or `all` for every one.
enum StatusFilter: ExpressibleByArgument, Equatable {
    case status(ApplicationStatus)
    case all

    init?(argument: String) {
        if argument == "all" {
            self = .all
        } else if let status = ApplicationStatus(rawValue: argument) {
            self = .status(status)
        } else {
            return nil
        }
    }

    static var allValueStrings: [String] { ApplicationStatus.allCases.map(\.rawValue) + ["all"] }

    /// The statuses the store is asked for (empty for every status): the open ones when none is given, as at the desk.
    static func statuses(_ filters: [StatusFilter]) -> [ApplicationStatus] {
        if filters.isEmpty { return ApplicationStatus.open }
        if filters.contains(.all) { return [] }
        return filters.compactMap { if case .status(let status) = $0 { status } else { nil } }
    }
}

/// An application's reference as people type it: `A-000042`, `A000042` or `42`.
struct ApplicationReference: ExpressibleByArgument {
    let id: Int64

    init?(argument: String) {
        guard let id = BusinessApplication.id(reference: argument) else { return nil }
        self.id = id
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

extension Applications {
    struct List: PrintingCommand {
        static let configuration = CommandConfiguration(
            abstract: "The queue, oldest first, with each application's age: the open applications (submitted, info_requested) unless --status "
                + "says otherwise.")
        @OptionGroup var options: CommonOptions
        @Option(
            help: ArgumentHelp(
                "Only applications in this status (repeatable): submitted, info_requested, approved, rejected or withdrawn; all for every "
                    + "status. Without it, the open ones (submitted and info_requested)."))
        var status: [StatusFilter] = []
        @Option(help: "How many to show.") var limit = 200

        func output() async throws -> String {
            let applications = try await withStore(try options.loadConfiguration()) {
                try await $0.applications(statuses: StatusFilter.statuses(status), limit: limit)
            }
            let now = Date()
            let rows = applications.map { application in
                [
                    application.reference, application.status.rawValue, application.details.organisationNumber.masked, application.details.name,
                    application.details.kind.rawValue, application.applicant.email,
                    "\(age(since: application.createdAt, now: now)) (\(Timestamp.iso(application.createdAt)))",
                ]
            }
            return TextTable.render(header: ["REFERENCE", "STATUS", "ORG NUMBER", "NAME", "KIND", "APPLICANT", "AGE (CREATED)"], rows: rows)
        }
    }

    struct Show: PrintingCommand {
        static let configuration = CommandConfiguration(
            abstract: "One application: every field, the applicant, the duplicate checks and the history.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The reference: A-000042, A000042 or 42.") var id: ApplicationReference

        func output() async throws -> String {
            let configuration = try options.loadConfiguration()
            return try await withStore(configuration) { store in
                guard let application = try await store.application(id: id.id) else {
                    throw CLIError("ID: no application \(BusinessApplication.reference(id.id))")
                }
                let details = application.details
                let number = details.organisationNumber
                var lines: [(String, String)] = [
                    ("reference", application.reference), ("status", application.status.rawValue),
                    ("org number", number.formatted + (number.isPersonalNumber ? " (a sole trader's personnummer)" : "")),
                    ("name", details.name), ("kind", details.kind.rawValue), ("street address", details.streetAddress),
                    ("postal code", details.formattedPostalCode), ("city", details.city), ("invoice e-mail", details.invoiceEmail),
                    ("phone", details.phone), ("question", application.question ?? "-"), ("answer", application.answer ?? "-"),
                    ("rejection reason", application.rejectionReason ?? "-"), ("customer number", application.customerNumber ?? "-"),
                    ("created", Timestamp.iso(application.createdAt)), ("updated", Timestamp.iso(application.updatedAt)),
                    ("decided", application.decidedAt.map(Timestamp.iso) ?? "-"),
                    ("applicant", application.applicant.name), ("applicant e-mail", application.applicant.email),
                    ("applicant account", application.applicant.accountID),
                    // The personnummer masked, as the desk shows it: enough to tell people apart, not to use one.
                    ("BankID verified", application.applicant.personalNumber.map { "yes, \(PersonalNumber.masked($0))" } ?? "no"),
                    ("language", application.applicant.language.rawValue),
                ]
                // The duplicate checks, as the desk shows them: the register, and other open applications.
                let checks = try await applicationReview(store, configuration).duplicateChecks(for: application)
                lines.append((
                    "in the register",
                    checks.registered.isEmpty
                        ? "no"
                        : checks.registered.map {
                            "\($0.customerNumber) \($0.name)" + ($0.customerNumber == application.customerNumber ? " (from this application)" : "")
                        }.joined(separator: "; ")))
                lines.append(("other open application", checks.otherOpen?.reference ?? "no"))
                let width = lines.map(\.0.count).max() ?? 0
                var text = lines.map { "\(($0.0 + ":").padding(toLength: width + 2, withPad: " ", startingAt: 0))\($0.1)" }
                text.append("history:")
                for event in try await store.applicationHistory(id: application.id) {
                    let details = event.details.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                    text.append("  \(Timestamp.iso(event.at))  \(event.action)  \(event.actor)" + (details.isEmpty ? "" : "  \(details)"))
                }
                return text.joined(separator: "\n")
            }
        }
    }

    struct Approve: PrintingCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve: the business joins the register with a new customer number (printed), the applicant becomes its "
                + "administrator and is mailed.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The reference: A-000042, A000042 or 42.") var id: ApplicationReference

        func output() async throws -> String {
            let application = try await decide(id, .approve, options: options)
            return "approved \(application.reference) \(application.details.name): customer number \(application.customerNumber ?? "-")"
        }
    }

    struct RequestInfo: PrintingCommand {
        static let configuration = CommandConfiguration(
            commandName: "request-info", abstract: "Ask the applicant for more information: the message is mailed to them.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The reference: A-000042, A000042 or 42.") var id: ApplicationReference
        @Option(help: "The question for the applicant.") var message: String

        func output() async throws -> String {
            let question = try decisionText(message, option: "--message")
            let application = try await decide(id, .requestInformation(message: question), options: options)
            return "asked \(application.applicant.email) for more information on \(application.reference) \(application.details.name)"
        }
    }

    struct Reject: PrintingCommand {
        static let configuration = CommandConfiguration(abstract: "Reject: the reason is mailed to the applicant.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The reference: A-000042, A000042 or 42.") var id: ApplicationReference
        @Option(help: "Why, as the applicant is told.") var reason: String

        func output() async throws -> String {
            let text = try decisionText(reason, option: "--reason")
            let application = try await decide(id, .reject(reason: text), options: options)
            return "rejected \(application.reference) \(application.details.name)"
        }
    }
}

/// A reviewer's message or reason: trimmed, not empty, not longer than the desk takes.
private func decisionText(_ text: String, option: String) throws -> String {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else { throw CLIError("\(option): must not be empty") }
    guard trimmed.count <= ApplicationDecision.maximumMessageLength else {
        throw CLIError("\(option): at most \(ApplicationDecision.maximumMessageLength) characters")
    }
    return trimmed
}

/// Decides as the desk does, through `ApplicationReview`: one transaction in the store, audited with the actor `cli`,
/// and the applicant's mail queued in the store's outbox (the running server sends it).
private func decide(_ reference: ApplicationReference, _ decision: ApplicationDecision, options: CommonOptions) async throws
    -> BusinessApplication
{
    let configuration = try options.loadConfiguration()
    return try await withStore(configuration) { store in
        let review = applicationReview(store, configuration)
        let name = BusinessApplication.reference(reference.id)
        switch try await review.decide(id: reference.id, decision, actor: cliDeskActor, reviewer: nil, source: cliActor, now: Date()) {
        case .changed(let application):
            return application
        case .notFound:
            throw CLIError("ID: no application \(name)")
        case .refused(.alreadyFinal(let status)), .refused(.notExpected(let status)):
            throw CLIError("\(name) is \(status.rawValue): it cannot be \(decision.pastTense) now; nothing was changed")
        case .refused(.to(let status)):
            throw CLIError("\(name) changed while it was decided (now \(status.rawValue)); nothing was changed")
        case .customerNumbersExhausted:
            throw CLIError(
                "applications.customer_numbers: no customer number is left in \(configuration.applications.customerNumbers); "
                    + "\(name) stays open and nothing was changed")
        case .changedMeanwhile:
            // Not from the command line, which names no version it saw.
            throw CLIError("\(name) changed while it was decided; nothing was changed: look at it again (portvakt applications show \(name))")
        case .ownApplication:
            // Not from the command line, which decides as no account (reviewer: nil).
            throw CLIError("\(name) is the reviewer's own application: another reviewer decides it; nothing was changed")
        case .registered(let customerNumber):
            throw CLIError(
                "\(name): its organisation number is now in the register, with customer number \(customerNumber) (it got there after "
                    + "the application was sent); nothing was changed and \(name) stays open: reject it with the reason that the "
                    + "business is already a customer (portvakt applications reject \(name) --reason ...)")
        }
    }
}

/// The desk's `ApplicationReview` over the command's store: its decisions queue their mails in the store's outbox.
private func applicationReview(_ store: SQLStore, _ configuration: Configuration) -> ApplicationReview {
    ApplicationReview(store: store, mail: MailQueue(outbox: store, configuration: configuration), configuration: configuration)
}

extension ApplicationDecision {
    fileprivate var pastTense: String {
        switch self {
        case .approve: "approved"
        case .requestInformation: "asked about"
        case .reject: "rejected"
        }
    }
}

/// How long ago: `45m`, `5h`, `3d`.
func age(since date: Date, now: Date) -> String {
    let seconds = max(0, Int(now.timeIntervalSince(date)))
    if seconds < 3600 { return "\(seconds / 60)m" }
    if seconds < 86_400 { return "\(seconds / 3600)h" }
    return "\(seconds / 86_400)d"
}
