import Testing

@testable import PortvaktCore

/// `applications.customer_numbers` as written, and the numbers a range gives.
@Suite struct CustomerNumberRangeTests {
    @Test(arguments: [
        ("9000000-9999999", CustomerNumberRange?.some(CustomerNumberRange(lower: 9_000_000, upper: 9_999_999, width: 7))),
        ("0100000-0199999", CustomerNumberRange(lower: 100_000, upper: 199_999, width: 7)),
        (" 5000 - 5999 ", CustomerNumberRange(lower: 5000, upper: 5999, width: 4)),
        ("1234-1234", CustomerNumberRange(lower: 1234, upper: 1234, width: 4)),
        ("100000000000-999999999999", CustomerNumberRange(lower: 100_000_000_000, upper: 999_999_999_999, width: 12)),
        ("9999999-9000000", nil),  // lower first
        ("900000-9999999", nil),  // of different lengths
        ("123-456", nil),  // too short
        ("1000000000000-1000000000001", nil),  // too long
        ("9000000", nil),
        ("9000000-", nil),
        ("-9999999", nil),
        ("9000000-9999999-1", nil),
        ("9000000–9999999", nil),  // an en dash
        ("90000x0-9999999", nil),
        ("", nil),
    ])
    func parses(_ text: String, _ expected: CustomerNumberRange?) {
        switch CustomerNumberRange.parse(text) {
        case .success(let range): #expect(range == expected)
        case .failure(let message):
            #expect(expected == nil, "refused: \(message.text)")
            #expect(message.text.contains("9000000-9999999"), "the message shows the form")
        }
    }

    @Test func numbersAreWrittenInTheRangesWidthWithLeadingZeros() throws {
        let range = try CustomerNumberRange.parse("0100000-0199999").get()
        #expect(range.customerNumber(100_000) == "0100000" && range.customerNumber(199_999) == "0199999")
        #expect(range.description == "0100000-0199999")
        #expect(range.contains(100_000) && range.contains(199_999) && !range.contains(99_999) && !range.contains(200_000))
    }
}
