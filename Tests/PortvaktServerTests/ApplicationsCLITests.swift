import ArgumentParser
import Foundation
import PortvaktCore
import PortvaktServer
import PortvaktStore
import Testing

@testable import PortvaktCLI

/// Runs `portvakt` with `arguments` in this process and returns what it prints on standard output; a refusal is
/// the `CLIError` whose line the operator would see.
func cliOutput(_ arguments: [String]) async throws -> String {
    let command = try Portvakt.parseAsRoot(arguments)
    let printing = try #require(command as? any PrintingCommand, "\(arguments) prints its result")
    return try await printing.output()
}

/// What a command refused with, or nil when it did not fail with a `CLIError`.
func cliRefusal(_ arguments: [String]) async -> String? {
    do {
        _ = try await cliOutput(arguments)
        return nil
    } catch let error as CLIError {
        return error.description
    } catch {
        return nil
    }
}

/// What ArgumentParser says of arguments it cannot parse, or nil when they parse.
func parseMessage(_ arguments: [String]) -> String? {
    do {
        _ = try Portvakt.parseAsRoot(arguments)
        return nil
    } catch {
        return Portvakt.message(for: error)
    }
}

/// `portvakt applications` and `portvakt staff` against the SQLite store a server would use.
@Suite struct ApplicationsCLITests {
    static func details(_ number: String, name: String) throws -> ApplicationDetails {
        try ApplicationDetails.parse(
            [
                "org_number": number, "name": name, "kind": "producer", "street_address": "Storgatan 1", "postal_code": "111 22",
                "city": "Stockholm", "invoice_email": "faktura@example.se", "phone": "08-123 456 78",
            ], today: Date()
        ).get()
    }

    /// Two accounts, Anna (BankID, Swedish) and Bertil (a password, English), each with an application.
    func seed(_ portvakt: TestPortvakt) async throws -> (anna: Int64, bertil: Int64) {
        try await portvakt.withServices { services in
            let store = services.store
            let now = Date()
            for (id, email, given) in [("acc-anna", "anna@bryggeriet.se", "Anna"), ("acc-bertil", "bertil@importhuset.se", "Bertil")] {
                try await store.createAccount(Account(
                    id: id, email: email, emailVerified: true, givenName: given, familyName: "Svensson", locale: nil, createdAt: now))
            }
            guard
                case .submitted(let anna) = try await store.submitApplication(
                    Self.details("556036-0793", name: "Bryggeriet i Norr AB"),
                    applicant: Applicant(accountID: "acc-anna", name: "Anna Svensson", email: "anna@bryggeriet.se", personalNumber: "198112289874",
                                         language: .sv),
                    at: now.addingTimeInterval(-7200), source: nil),
                case .submitted(let bertil) = try await store.submitApplication(
                    Self.details("212000-0142", name: "Importhuset AB"),
                    applicant: Applicant(accountID: "acc-bertil", name: "Bertil Svensson", email: "bertil@importhuset.se", personalNumber: nil,
                                         language: .en),
                    at: now, source: nil)
            else { throw CLIError("the seed applications were not submitted") }
            return (anna.id, bertil.id)
        }
    }

    @Test func listShowAndApproveLikeTheDesk() async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        let config = ["--config", portvakt.configPath]
        let (anna, bertil) = try await seed(portvakt)

        let list = try await cliOutput(["applications", "list"] + config)
        let lines = list.split(separator: "\n").map(String.init)
        #expect(lines.count == 3 && lines[0].hasPrefix("REFERENCE") && lines[0].contains("ORG NUMBER") && lines[0].contains("APPLICANT"))
        #expect(lines[1].hasPrefix(BusinessApplication.reference(anna)) && lines[2].hasPrefix(BusinessApplication.reference(bertil)), "oldest first")
        #expect(lines[1].contains("submitted") && lines[1].contains("556036-0793") && lines[1].contains("Bryggeriet i Norr AB")
            && lines[1].contains("producer") && lines[1].contains("anna@bryggeriet.se") && lines[1].contains("2h ("))
        #expect(try await cliOutput(["applications", "list", "--status", "approved"] + config).split(separator: "\n").count == 1)

        let show = try await cliOutput(["applications", "show", "A-\(String(format: "%06d", anna))"] + config)
        for line in [
            "status:", "submitted", "556036-0793", "Bryggeriet i Norr AB", "producer", "Storgatan 1", "111 22", "Stockholm", "faktura@example.se",
            "08-123 456 78", "Anna Svensson", "anna@bryggeriet.se", "acc-anna", "in the register:", "other open application:",
            "application.submitted  account:acc-anna",
        ] {
            #expect(show.contains(line), "\(line)")
        }
        #expect(show.split(separator: "\n").first { $0.hasPrefix("BankID verified:") }?.hasSuffix("yes, 19811228-****") == true)
        #expect(!show.contains("198112289874"), "never the whole personnummer")
        let bertilShow = try await cliOutput(["applications", "show", "\(bertil)"] + config)
        #expect(bertilShow.split(separator: "\n").first { $0.hasPrefix("BankID verified:") }?.hasSuffix("no") == true)

        let approved = try await cliOutput(["applications", "approve", "A\(String(format: "%06d", anna))"] + config)
        #expect(approved == "approved \(BusinessApplication.reference(anna)) Bryggeriet i Norr AB: customer number 9000000")

        try await portvakt.withServices { (services: PortvaktServices) async throws -> Void in
            let store = services.store
            let business = try #require(try await store.business(customerNumber: "9000000"))
            #expect(business.name == "Bryggeriet i Norr AB" && business.organisationNumber == "5560360793" && business.activatedAt == nil)
            let members = try await store.members(customerNumber: "9000000")
            #expect(members.map(\.accountID) == ["acc-anna"] && members.first?.role == .admin)
            let history = try await store.applicationHistory(id: anna)
            #expect(history.last?.action == "application.approved" && history.last?.actor == "cli" && history.last?.details["customer_number"] == "9000000")
            let mails = try await store.mailQueue(limit: 10)
            #expect(mails.count == 1 && mails.first?.message.to.address == "anna@bryggeriet.se")
            #expect(mails.first?.message.text.contains("9000000") == true, "the applicant's mail names the number")
            #expect(mails.first?.message.text.contains(portvakt.configuration.issuer) == true, "and links to the activation")
        }

        // The second approval is refused and changes nothing: one number, one business, one mail.
        let again = try #require(await cliRefusal(["applications", "approve", "\(anna)"] + config))
        #expect(again.contains(BusinessApplication.reference(anna)) && again.contains("approved") && again.contains("nothing was changed"))
        await #expect(throws: ExitCode.self) { try await runCLI(["applications", "approve", "\(anna)"] + config) }
        let approvedShow = try await cliOutput(["applications", "show", "\(anna)"] + config)
        #expect(approvedShow.contains("9000000 Bryggeriet i Norr AB (from this application)"))
        try await portvakt.withServices { (services: PortvaktServices) async throws -> Void in
            #expect(try await services.store.businesses().count == 1)
            #expect(try await services.store.mailQueue(limit: 10).count == 1)
        }
        // The queue is the open applications: the approved one is listed only when asked for.
        let open = try await cliOutput(["applications", "list"] + config)
        #expect(!open.contains(BusinessApplication.reference(anna)) && open.contains(BusinessApplication.reference(bertil)))
        #expect(try await cliOutput(["applications", "list", "--status", "approved"] + config).contains(BusinessApplication.reference(anna)))
        let all = try await cliOutput(["applications", "list", "--status", "all"] + config)
        #expect(all.contains(BusinessApplication.reference(anna)) && all.contains(BusinessApplication.reference(bertil)))
        let both = try await cliOutput(["applications", "list", "--status", "approved", "--status", "submitted"] + config)
        #expect(both.split(separator: "\n").count == 3)
        #expect(Portvakt.helpMessage(for: Applications.List.self).contains("all for every status"))
    }

    @Test func requestInformationAndRejectMailTheApplicant() async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        let config = ["--config", portvakt.configPath]
        let (_, bertil) = try await seed(portvakt)

        #expect(await cliRefusal(["applications", "request-info", "\(bertil)", "--message", "  "] + config)?.contains("--message") == true)
        #expect(await cliRefusal(["applications", "reject", "\(bertil)", "--reason", ""] + config)?.contains("--reason") == true)
        let tooLong = String(repeating: "x", count: ApplicationDecision.maximumMessageLength + 1)
        #expect(await cliRefusal(["applications", "reject", "\(bertil)", "--reason", tooLong] + config)?.contains("--reason") == true)

        let asked = try await cliOutput(["applications", "request-info", "\(bertil)", "--message", "Which address?"] + config)
        #expect(asked.contains("bertil@importhuset.se") && asked.contains(BusinessApplication.reference(bertil)))
        let rejected = try await cliOutput(["applications", "reject", "\(bertil)", "--reason", "Not a business of the deposit system"] + config)
        #expect(rejected == "rejected \(BusinessApplication.reference(bertil)) Importhuset AB")
        #expect(await cliRefusal(["applications", "request-info", "\(bertil)", "--message", "More?"] + config)?.contains("rejected") == true)

        try await portvakt.withServices { (services: PortvaktServices) async throws -> Void in
            let store = services.store
            let application = try #require(try await store.application(id: bertil))
            #expect(application.status == .rejected && application.question == "Which address?")
            #expect(application.rejectionReason == "Not a business of the deposit system")
            let history = try await store.applicationHistory(id: bertil)
            #expect(history.map(\.action) == ["application.submitted", "application.info_requested", "application.rejected"])
            #expect(history.dropFirst().allSatisfy { $0.actor == "cli" })
            #expect(history[1].details["message"] == "Which address?" && history[2].details["reason"] == "Not a business of the deposit system")
            let mails = try await store.mailQueue(limit: 10).map(\.message)
            #expect(mails.count == 2 && mails.allSatisfy { $0.to.address == "bertil@importhuset.se" })
            #expect(mails.contains { $0.text.contains("Which address?") } && mails.contains { $0.text.contains("Not a business of the deposit system") })
            #expect(try await store.businesses().isEmpty)
        }
    }

    @Test func aBadOrUnknownIDIsNamed() async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        let config = ["--config", portvakt.configPath]
        for bad in ["A-x", "B-000001", "0", "-1", "A--1", ""] {
            let message = try #require(parseMessage(["applications", "show", bad] + config), "\(bad)")
            #expect(message.contains("<id>"), "\(bad): \(message)")
        }
        #expect(parseMessage(["applications", "approve", "A-000001"] + config) == nil)
        #expect(await cliRefusal(["applications", "show", "999"] + config) == "ID: no application A-000999")
        #expect(await cliRefusal(["applications", "approve", "a000999"] + config) == "ID: no application A-000999")
        #expect(await cliRefusal(["applications", "reject", "999", "--reason", "x"] + config) == "ID: no application A-000999")
        let status = try #require(parseMessage(["applications", "list", "--status", "open"] + config))
        #expect(status.contains("--status"))
    }

    @Test func anExhaustedNumberRangeChangesNothing() async throws {
        let portvakt = try TestPortvakt(["applications": ["customer_numbers": "1000-1000"]])
        defer { portvakt.remove() }
        let config = ["--config", portvakt.configPath]
        let (anna, bertil) = try await seed(portvakt)
        #expect(try await cliOutput(["applications", "approve", "\(anna)"] + config).hasSuffix("customer number 1000"))
        let refusal = try #require(await cliRefusal(["applications", "approve", "\(bertil)"] + config))
        #expect(refusal.hasPrefix("applications.customer_numbers:") && refusal.contains("1000-1000")
            && refusal.contains(BusinessApplication.reference(bertil)))
        try await portvakt.withServices { (services: PortvaktServices) async throws -> Void in
            #expect(try await services.store.application(id: bertil)?.status == .submitted)
            #expect(try await services.store.businesses().map(\.customerNumber) == ["1000"])
            #expect(try await services.store.mailQueue(limit: 10).count == 1, "only the first approval's mail")
        }
    }

    @Test func anApprovalOfANumberTheRegisterGotSinceIsRefusedAndChangesNothing() async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        let config = ["--config", portvakt.configPath]
        let (anna, _) = try await seed(portvakt)
        // An import gives the register Anna's number after she applied.
        try await portvakt.withServices { (services: PortvaktServices) async throws -> Void in
            try await services.store.saveBusiness(Business(
                customerNumber: "0123436", name: "Bryggeriet i Norr AB", kind: .producer, registeredEmail: "info@bryggeriet.se", pinHash: nil,
                createdAt: Date(), organisationNumber: "5560360793"))
        }
        let refusal = try #require(await cliRefusal(["applications", "approve", "\(anna)"] + config))
        #expect(refusal.contains(BusinessApplication.reference(anna)) && refusal.contains("now in the register, with customer number 0123436")
            && refusal.contains("nothing was changed") && refusal.contains("reject"), "\(refusal)")
        await #expect(throws: ExitCode.self) { try await runCLI(["applications", "approve", "\(anna)"] + config) }
        try await portvakt.withServices { (services: PortvaktServices) async throws -> Void in
            #expect(try await services.store.application(id: anna)?.status == .submitted)
            #expect(try await services.store.businesses().map(\.customerNumber) == ["0123436"])
            #expect(try await services.store.mailQueue(limit: 10).isEmpty)
        }
    }

    @Test func staffAreGivenListedAndRemoved() async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        let config = ["--config", portvakt.configPath]
        _ = try await seed(portvakt)

        #expect(try await cliOutput(["staff", "add", "anna@bryggeriet.se", "--role", "reviewer"] + config) == "anna@bryggeriet.se is now reviewer")
        #expect(try await cliOutput(["staff", "add", "ANNA@bryggeriet.se", "--role", "reviewer"] + config)
            == "anna@bryggeriet.se already has the role reviewer")
        #expect(try await cliOutput(["staff", "add", "anna@bryggeriet.se", "--role", "support"] + config) == "anna@bryggeriet.se is now support")
        #expect(try await cliOutput(["staff", "add", "bertil@importhuset.se", "--role", "support"] + config).hasSuffix("is now support"))

        let list = try await cliOutput(["staff", "list"] + config).split(separator: "\n").map(String.init)
        #expect(list.count == 3 && list[0].hasPrefix("E-MAIL") && list[0].contains("ROLES") && list[0].contains("SINCE"))
        #expect(list[1].hasPrefix("anna@bryggeriet.se") && list[1].contains("Anna Svensson") && list[1].contains("reviewer,support"))
        #expect(list[2].hasPrefix("bertil@importhuset.se") && list[2].contains("support"))

        let unknown = try #require(await cliRefusal(["staff", "add", "nobody@example.se", "--role", "reviewer"] + config))
        #expect(unknown.contains("nobody@example.se") && unknown.hasPrefix("EMAIL:"))
        await #expect(throws: ExitCode.self) { try await runCLI(["staff", "add", "nobody@example.se", "--role", "reviewer"] + config) }
        #expect(await cliRefusal(["staff", "remove", "nobody@example.se"] + config)?.contains("nobody@example.se") == true)
        let badRole = try #require(parseMessage(["staff", "add", "anna@bryggeriet.se", "--role", "admin"] + config))
        #expect(badRole.contains("--role"))
        #expect(parseMessage(["staff", "add", "anna@bryggeriet.se"] + config)?.contains("--role") == true)

        #expect(try await cliOutput(["staff", "remove", "anna@bryggeriet.se"] + config) == "anna@bryggeriet.se is no longer staff: took reviewer, support")
        #expect(try await cliOutput(["staff", "remove", "anna@bryggeriet.se"] + config) == "anna@bryggeriet.se had no staff role; nothing was changed")
        #expect(try await cliOutput(["staff", "list"] + config).split(separator: "\n").count == 2)

        try await portvakt.withServices { (services: PortvaktServices) async throws -> Void in
            #expect(try await services.store.staffRoles(accountID: "acc-anna").isEmpty)
            #expect(try await services.store.staffRoles(accountID: "acc-bertil") == [.support])
            let events = try await services.store.auditEvents(limit: 50, before: nil).filter { $0.action.hasPrefix("staff.") }
            #expect(events.count == 4 && events.allSatisfy { $0.actor == "cli" })
            #expect(events.allSatisfy { $0.source == cliActor && $0.source?.hasPrefix("cli:") == true }, "with the OS user who ran it")
        }
    }
}
