import Foundation
import Testing

@testable import PortvaktCore

/// The application form's fields, as a table: each row changes one field of a good form and names the problem
/// it must get (or what the field is kept as).
@Suite struct ApplicationDetailsTests {
    static let today = Date(timeIntervalSince1970: 1_800_000_000)

    static let good: [String: String] = [
        "org_number": "556036-0793", "name": "Kiosken AB", "kind": "retailer", "street_address": "Storgatan 1", "postal_code": "111 22",
        "city": "Stockholm", "invoice_email": "faktura@kiosken.se", "phone": "08-123 456 78",
    ]

    struct Row: Sendable, CustomTestStringConvertible {
        var field: ApplicationDetails.Field
        var value: String?
        var problem: ApplicationDetails.Problem
        var testDescription: String { "\(field.rawValue) = \(value.map { "\"\($0.prefix(20))\"" } ?? "absent")" }
    }

    static let long = String(repeating: "a", count: 201)

    static let problems: [Row] = [
        Row(field: .organisationNumber, value: nil, problem: .missing),
        Row(field: .organisationNumber, value: "  ", problem: .missing),
        Row(field: .organisationNumber, value: "556036-0794", problem: .organisationNumber(.checkDigit)),
        Row(field: .organisationNumber, value: "55603607", problem: .organisationNumber(.length)),
        Row(field: .organisationNumber, value: "556036-07x3", problem: .organisationNumber(.format)),
        Row(field: .organisationNumber, value: long, problem: .tooLong(maximum: 200)),
        Row(field: .name, value: "", problem: .missing),
        Row(field: .name, value: long, problem: .tooLong(maximum: 200)),
        Row(field: .kind, value: nil, problem: .missing),
        Row(field: .kind, value: "shop", problem: .kind),
        Row(field: .kind, value: "Retailer", problem: .kind),
        Row(field: .streetAddress, value: "\n", problem: .missing),
        Row(field: .streetAddress, value: long, problem: .tooLong(maximum: 200)),
        Row(field: .postalCode, value: "", problem: .missing),
        Row(field: .postalCode, value: "1112", problem: .postalCode),
        Row(field: .postalCode, value: "111 222", problem: .postalCode),
        Row(field: .postalCode, value: "11a22", problem: .postalCode),
        Row(field: .postalCode, value: "111-22", problem: .postalCode),
        Row(field: .city, value: nil, problem: .missing),
        Row(field: .city, value: long, problem: .tooLong(maximum: 200)),
        Row(field: .invoiceEmail, value: "", problem: .missing),
        Row(field: .invoiceEmail, value: "faktura.kiosken.se", problem: .email),
        Row(field: .invoiceEmail, value: "faktura@kiosken", problem: .email),
        Row(field: .invoiceEmail, value: "a b@kiosken.se", problem: .email),
        Row(field: .phone, value: "", problem: .missing),
        Row(field: .phone, value: "123456", problem: .phone),  // 6 digits
        Row(field: .phone, value: "1234567890123456", problem: .phone),  // 16 digits
        Row(field: .phone, value: "08+1234567", problem: .phone),  // + not first
        Row(field: .phone, value: "08/123 456", problem: .phone),
        Row(field: .phone, value: "ring mig", problem: .phone),
    ]

    @Test(arguments: problems)
    func eachFieldHasItsProblem(_ row: Row) {
        var form = Self.good
        form[row.field.rawValue] = row.value
        #expect(ApplicationDetails.parse(form, today: Self.today) == .failure(.init(byField: [row.field: row.problem])), "only that field")
    }

    @Test func aGoodFormIsTrimmedAndNormalised() throws {
        var form = Self.good.mapValues { "  \($0) " }
        form["org_number"] = " 165560360793 "
        let details = try ApplicationDetails.parse(form, today: Self.today).get()
        #expect(details == ApplicationDetails(
            organisationNumber: try #require(OrganisationNumber(normalised: "5560360793")), name: "Kiosken AB", kind: .retailer,
            streetAddress: "Storgatan 1", postalCode: "11122", city: "Stockholm", invoiceEmail: "faktura@kiosken.se", phone: "08-123 456 78"))
        #expect(details.formattedPostalCode == "111 22")
        #expect(details.form == Self.good, "the form filled in again shows what was meant")
    }

    @Test(arguments: ["111 22", "11122", " 11122 ", "1 1 1 2 2"])
    func aPostalCodeIsKeptAsFiveDigits(_ written: String) throws {
        var form = Self.good
        form["postal_code"] = written
        #expect(try ApplicationDetails.parse(form, today: Self.today).get().postalCode == "11122")
    }

    @Test(arguments: ["0812345678", "+46 8 123 456 78", "(08) 123 45 67", "1234567", "123456789012345", "+46-70-123 45 67"])
    func aPhoneNumberHasSevenToFifteenDigits(_ written: String) throws {
        var form = Self.good
        form["phone"] = written
        #expect(try ApplicationDetails.parse(form, today: Self.today).get().phone == written)
    }

    @Test func twoHundredCharactersAreTheMostAFieldTakes() throws {
        var form = Self.good
        form["name"] = String(repeating: "å", count: 200)
        #expect(try ApplicationDetails.parse(form, today: Self.today).get().name.count == 200)
        #expect(ApplicationDetails.maximumLength == 200)
    }

    @Test func aSoleTradersPersonnummerIsAnOrganisationNumber() throws {
        var form = Self.good
        form["org_number"] = "19811228-9874"
        let details = try ApplicationDetails.parse(form, today: Self.today).get()
        #expect(details.organisationNumber.digits == "8112289874" && details.organisationNumber.isPersonalNumber)
    }

    @Test func anEmptyFormNamesEveryField() {
        guard case .failure(let problems) = ApplicationDetails.parse([:], today: Self.today) else { Issue.record("an empty form parsed"); return }
        #expect(Set(problems.byField.keys) == Set(ApplicationDetails.Field.allCases))
        #expect(problems.byField.values.allSatisfy { $0 == .missing })
    }

    @Test func theFieldsAreTheFormsNamesInOrder() {
        #expect(ApplicationDetails.Field.allCases.map(\.rawValue)
            == ["org_number", "name", "kind", "street_address", "postal_code", "city", "invoice_email", "phone"])
    }
}
