import Testing

@testable import PortvaktCore

@Suite struct CustomerRegisterTests {
    @Test func theDemoFormWithWindowsLineEndingsAByteOrderMarkAndQuotesParses() throws {
        let text = "\u{FEFF}customer_number,name,kind,registered_email,pin\r\n0123436,Pantbutiken,retailer,panta@pantbutiken.se,4711\r\n"
            + "0789015,\"Bryggeriet, i Norr \"\"AB\"\"\",producer,kontakt@bryggeriet-norr.se,\r\n\r\n"
        let rows = try CustomerRegister.parse(text).get()
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
        guard case .failure(let problems) = CustomerRegister.parse(text) else { Issue.record("a bad file parsed"); return }
        #expect(problems.lines.map { $0.prefix(7) } == ["line 3:", "line 4:", "line 5:", "line 6:", "line 7:"])
        #expect(problems.lines[0].contains("customer_number") && problems.lines[0].contains("kind") && problems.lines[0].contains("registered_email"))
        #expect(problems.lines[1].contains("pin must be 4 to 12 digits for a retailer"))
        #expect(problems.lines[2].contains("producers and importers link by e-mail"))
        #expect(problems.lines[3].contains("also on line 2"))
        #expect(CustomerRegister.parse("name,kind\n") == .failure(.init(lines: ["line 1: expected the header customer_number,name,kind,registered_email,pin"])))
    }
}
