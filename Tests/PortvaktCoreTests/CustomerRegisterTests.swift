import Foundation
import Testing

@testable import PortvaktCore

@Suite struct CustomerRegisterTests {
    let today = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func theDemoFormWithWindowsLineEndingsAByteOrderMarkAndQuotesParses() throws {
        let text = "\u{FEFF}customer_number,name,kind,registered_email,pin\r\n0123436,Pantbutiken,retailer,panta@pantbutiken.se,4711\r\n"
            + "0789015,\"Bryggeriet, i Norr \"\"AB\"\"\",producer,kontakt@bryggeriet-norr.se,\r\n\r\n"
        let rows = try CustomerRegister.parse(text, today: today).get()
        #expect(rows.count == 2)
        #expect(rows[0] == RegisterRow(line: 2, customerNumber: "0123436", name: "Pantbutiken", kind: .retailer,
                                      registeredEmail: "panta@pantbutiken.se", pin: "4711"))
        #expect(rows[1].name == "Bryggeriet, i Norr \"AB\"" && rows[1].pin == nil && rows[1].kind == .producer)
    }

    @Test func everyBadRowIsNamedByItsLineAndNothingIsReturned() {
        let text = """
            customer_number,name,kind,registered_email,pin
            0123436,Pantbutiken,retailer,panta@pantbutiken.se,4711
            12,X,shop,not-an-address,
            0456712,Kiosken,retailer,info@kiosken.se,
            0789015,Bryggeriet,producer,kontakt@bryggeriet.se,1234
            0123436,Again,retailer,a@b.se,1111
            0834561,"broken,importer,order@importhuset.se,
            """
        guard case .failure(let problems) = CustomerRegister.parse(text, today: today) else { Issue.record("a bad file parsed"); return }
        #expect(problems.lines.map { $0.prefix(7) } == ["line 3:", "line 4:", "line 5:", "line 6:", "line 7:"])
        #expect(problems.lines[0].contains("customer_number") && problems.lines[0].contains("kind") && problems.lines[0].contains("registered_email"))
        #expect(problems.lines[1].contains("pin must be 4 to 12 digits for a retailer"))
        #expect(problems.lines[2].contains("producers and importers link by e-mail"))
        #expect(problems.lines[3].contains("also on line 2"))
        #expect(CustomerRegister.parse("name,kind\n", today: today) == .failure(.init(lines: [
            "line 1: expected the header customer_number,name,kind,registered_email,pin or customer_number,name,kind,registered_email,pin,org_number"
        ])))
    }

    @Test func anOrganisationNumberColumnIsOptionalAndItsNumbersAreStoredAsTenDigits() throws {
        let text = """
            customer_number,name,kind,registered_email,pin,org_number
            0123436,Pantbutiken,retailer,panta@pantbutiken.se,4711,556036-0793
            0789015,Bryggeriet,producer,kontakt@bryggeriet.se,,165560360793
            0834561,Importhuset,importer,order@importhuset.se,,
            0456712,Kiosken,retailer,info@kiosken.se,1234,198112289874
            """
        let rows = try CustomerRegister.parse(text, today: today).get()
        #expect(rows.map(\.organisationNumber) == ["5560360793", "5560360793", nil, "8112289874"])
        let without = try CustomerRegister.parse(
            "customer_number,name,kind,registered_email,pin\n0123436,Pantbutiken,retailer,panta@pantbutiken.se,4711\n", today: today).get()
        #expect(without.count == 1 && without[0].organisationNumber == nil)
    }

    @Test func aBadOrganisationNumberIsNamedByItsLineAndField() {
        let text = """
            customer_number,name,kind,registered_email,pin,org_number
            0123436,Pantbutiken,retailer,panta@pantbutiken.se,4711,556036-0793
            0789015,Bryggeriet,producer,kontakt@bryggeriet.se,,556036-0794
            0834561,Importhuset,importer,order@importhuset.se,,55603607
            0456712,Kiosken,retailer,info@kiosken.se,1234
            """
        guard case .failure(let problems) = CustomerRegister.parse(text, today: today) else { Issue.record("a bad file parsed"); return }
        #expect(problems.lines.count == 3)
        #expect(problems.lines[0].hasPrefix("line 3: org_number 556036-0794 has a wrong check digit"))
        #expect(problems.lines[1].hasPrefix("line 4: org_number must be an organisationsnummer"))
        #expect(problems.lines[2] == "line 5: expected 6 fields: customer_number,name,kind,registered_email,pin,org_number")
    }
}
