import Foundation
import Testing

@testable import PortvaktCore

/// Organisation numbers as people write them, as a table: each row is what was typed and what it must come to.
@Suite struct OrganisationNumberTests {
    static let today = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15

    struct Row: Sendable, CustomTestStringConvertible {
        var written: String
        var expected: Result<String, OrganisationNumber.Problem>
        var testDescription: String { "\"\(written)\"" }
    }

    static let rows: [Row] = [
        // A limited company's number in each written form.
        Row(written: "556036-0793", expected: .success("5560360793")),
        Row(written: "5560360793", expected: .success("5560360793")),
        Row(written: "165560360793", expected: .success("5560360793")),
        Row(written: "  556036-0793 ", expected: .success("5560360793")),
        Row(written: "212000-0142", expected: .success("2120000142")),
        Row(written: "802479-2650", expected: .success("8024792650")),
        // A wrong check digit, in every form.
        Row(written: "556036-0794", expected: .failure(.checkDigit)),
        Row(written: "5560360790", expected: .failure(.checkDigit)),
        Row(written: "165560360794", expected: .failure(.checkDigit)),
        // Wrong lengths.
        Row(written: "556036079", expected: .failure(.length)),
        Row(written: "55603607931", expected: .failure(.length)),
        Row(written: "1655603607930", expected: .failure(.length)),
        Row(written: "556036-079", expected: .failure(.format)),
        Row(written: "1", expected: .failure(.length)),
        // The 16-prefix belongs to the 12-digit form only.
        Row(written: "16556036-0793", expected: .success("5560360793")),
        Row(written: "17556036-0793", expected: .failure(.format)),
        // Dashes anywhere but before the last four digits, and other characters.
        Row(written: "5560-360793", expected: .failure(.format)),
        Row(written: "556036--0793", expected: .failure(.format)),
        Row(written: "556036 0793", expected: .failure(.format)),
        Row(written: "556O36-0793", expected: .failure(.format)),
        Row(written: "abcdef-ghij", expected: .failure(.format)),
        Row(written: "５５６０３６０７９３", expected: .failure(.format)),
        Row(written: "", expected: .failure(.format)),
        Row(written: "   ", expected: .failure(.format)),
        Row(written: "-", expected: .failure(.format)),
        // A sole trader's personnummer, in its 10- and 12-digit forms.
        Row(written: "811228-9874", expected: .success("8112289874")),
        Row(written: "8112289874", expected: .success("8112289874")),
        Row(written: "198112289874", expected: .success("8112289874")),
        Row(written: "19811228-9874", expected: .success("8112289874")),
        Row(written: "198112289875", expected: .failure(.checkDigit)),
        Row(written: "811228-9875", expected: .failure(.checkDigit)),
        Row(written: "198113289874", expected: .failure(.format)),  // no 13th month
    ]

    @Test(arguments: rows)
    func parses(_ row: Row) {
        #expect(OrganisationNumber.parse(row.written, today: Self.today).map(\.digits) == row.expected)
    }

    @Test func theCheckDigitsOfTheTableAreRight() {
        #expect(PersonalNumber.luhnDigit("556036079") == 3)
        #expect(PersonalNumber.luhnDigit("811228987") == 4)
    }

    @Test(arguments: [("5560360793", false), ("2120000142", false), ("8024792650", false), ("8112289874", true), ("1901019870", true)])
    func aPersonalNumberHasAMonthInTheThirdAndFourthDigits(_ digits: String, _ isPersonal: Bool) throws {
        let nine = String(digits.prefix(9))
        let number = try #require(OrganisationNumber(normalised: nine + String(PersonalNumber.luhnDigit(nine))))
        #expect(number.isPersonalNumber == isPersonal)
    }

    @Test func aNumberIsWrittenWithADashBeforeItsLastFour() throws {
        let number = try OrganisationNumber.parse("165560360793", today: Self.today).get()
        #expect(number.formatted == "556036-0793" && number.description == "556036-0793")
        #expect(OrganisationNumber(normalised: "5560360793") == number)
    }

    @Test func aSoleTradersPersonnummerIsMaskedWhereverItIsNotCheckedAndACompanysNumberIsNot() throws {
        let company = try OrganisationNumber.parse("556036-0793", today: Self.today).get()
        #expect(company.masked == "556036-0793")
        let soleTrader = try OrganisationNumber.parse("19811228-9874", today: Self.today).get()
        #expect(soleTrader.masked == "811228-****" && soleTrader.description == "811228-****" && soleTrader.formatted == "811228-9874")
    }

    @Test(arguments: ["556036-0793", "556036079", "5560360794", "55603607930", "", "16556036079"])
    func aStoredNumberMustBeTenDigitsWithItsCheckDigit(_ digits: String) {
        #expect(OrganisationNumber(normalised: digits) == nil)
    }
}
