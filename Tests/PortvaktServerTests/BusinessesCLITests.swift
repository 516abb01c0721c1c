import ArgumentParser
import Foundation
import PortvaktCore
import PortvaktServer
import Testing

@testable import PortvaktCLI

/// `portvakt businesses import` with and without the register's organisation numbers, and where they are shown.
@Suite struct BusinessesCLITests {
    func write(_ text: String, in portvakt: TestPortvakt, as name: String) throws -> String {
        let path = portvakt.folder + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func anImportWithOrganisationNumbersStoresThemAndOneWithoutKeepsThem() async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        let config = ["--config", portvakt.configPath]
        let withNumbers = try write("""
            customer_number,name,kind,registered_email,pin,org_number
            0789015,Bryggeriet i Norr AB,producer,kontakt@bryggeriet.se,,556036-0793
            0834561,Importhuset AB,importer,order@importhuset.se,,
            """, in: portvakt, as: "with.csv")
        #expect(try await cliOutput(["businesses", "import", withNumbers] + config).hasSuffix("2 new, 0 already known"))
        let show = try await cliOutput(["businesses", "show", "0789015"] + config)
        #expect(show.contains("org number:        556036-0793"))
        #expect(try await cliOutput(["businesses", "show", "0834561"] + config).contains("org number:        -"))
        let list = try await cliOutput(["businesses", "list"] + config).split(separator: "\n").map(String.init)
        #expect(list[0].contains("ORG NUMBER") && list.contains { $0.hasPrefix("0789015") && $0.contains("556036-0793") })

        // The old header still imports, and leaves the known number alone.
        let without = try write("""
            customer_number,name,kind,registered_email,pin
            0789015,Bryggeriet i Norr,producer,kontakt@bryggeriet.se,
            0834562,Kiosken,producer,info@kiosken.se,
            """, in: portvakt, as: "without.csv")
        try await runCLI(["businesses", "import", without] + config)
        try await portvakt.withServices { (services: PortvaktServices) async throws -> Void in
            let business = try #require(try await services.store.business(customerNumber: "0789015"))
            #expect(business.name == "Bryggeriet i Norr" && business.organisationNumber == "5560360793")
            #expect(try await services.store.business(customerNumber: "0834562")?.organisationNumber == nil)
        }

        // A new number for a known business replaces it, on record.
        let changed = try write("""
            customer_number,name,kind,registered_email,pin,org_number
            0834561,Importhuset AB,importer,order@importhuset.se,,2120000142
            """, in: portvakt, as: "changed.csv")
        try await runCLI(["businesses", "import", changed] + config)
        #expect(try await cliOutput(["businesses", "show", "0834561"] + config).contains("org number:        212000-0142"))
        try await portvakt.withServices { (services: PortvaktServices) async throws -> Void in
            let events = try await services.store.auditEvents(limit: 50, before: nil)
            #expect(events.contains { $0.action == "business.register_changed" && $0.details["org_number"] == "- -> 2120000142" })
        }
    }

    @Test func aBadOrganisationNumberNamesItsLineAndFieldAndImportsNothing() async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        let config = ["--config", portvakt.configPath]
        let bad = try write("""
            customer_number,name,kind,registered_email,pin,org_number
            0789015,Bryggeriet i Norr AB,producer,kontakt@bryggeriet.se,,556036-0793
            0834561,Importhuset AB,importer,order@importhuset.se,,556036-0794
            """, in: portvakt, as: "bad.csv")
        let refusal = try #require(await cliRefusal(["businesses", "import", bad] + config))
        #expect(refusal.contains("nothing imported") && refusal.contains("line 3: org_number 556036-0794 has a wrong check digit"))
        #expect(!refusal.contains("line 2"), "the good line is not named")
        await #expect(throws: ExitCode.self) { try await runCLI(["businesses", "import", bad] + config) }
        try await portvakt.withServices { (services: PortvaktServices) async throws -> Void in
            #expect(try await services.store.businesses().isEmpty)
        }
    }

    @Test func aBusinessAddedByHandMayHaveAnOrganisationNumber() async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        let config = ["--config", portvakt.configPath]
        let add = ["businesses", "add", "--customer-number", "0900001", "--name", "Bryggeriet", "--kind", "producer", "--registered-email",
                   "kontakt@bryggeriet.se"]
        await #expect(throws: ExitCode.self) { try await runCLI(add + ["--org-number", "556036-0794"] + config) }
        try await runCLI(add + ["--org-number", "165560360793"] + config)
        #expect(try await cliOutput(["businesses", "show", "0900001"] + config).contains("org number:        556036-0793"))
        try await runCLI(["businesses", "add", "--customer-number", "0900002", "--name", "Importhuset", "--kind", "importer",
                          "--registered-email", "order@importhuset.se"] + config)
        #expect(try await cliOutput(["businesses", "show", "0900002"] + config).contains("org number:        -"))
    }
}
