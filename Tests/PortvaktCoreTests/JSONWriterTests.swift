import Foundation
import Testing

@testable import PortvaktCore

/// The hand-written encoder of token payloads is held to `CanonicalJSON` (JSONEncoder, sorted keys), byte for byte,
/// so that tokens carry exactly the bytes they carried before it.
@Suite struct JSONWriterTests {
    static let strings = [
        "", "plain", "https://login.example.se/a/b", "quote \" backslash \\ slash /", "Åsa Öberg-Ängström", "emoji 👍🏽 and 中文",
        String((0..<32).map { Character(Unicode.Scalar(UInt8($0))) }) + "\u{7F}", "line\u{2028}separator", "tab\tnew\nline\r",
    ]

    @Test(arguments: strings)
    func stringsAreEscapedAsJSONEncoderEscapesThem(_ text: String) throws {
        #expect(try JSONWriter.encode(.string(text)) == Array(try CanonicalJSON.encode(text)))
    }

    @Test func numbersBooleansAndNullAreJSONEncodersToo() throws {
        for number in [0, 1, -1, 1_800_000_000, 1_799_999_970, 9_007_199_254_740_991, -42] as [Double] {
            #expect(try JSONWriter.encode(.number(number)) == Array(try CanonicalJSON.encode(number)), "\(number)")
        }
        for value in [JSONValue.bool(true), .bool(false), .null] {
            #expect(try JSONWriter.encode(value) == Array(try CanonicalJSON.encode(value)))
        }
        for number in [0.5, -2.25, 1e300, 1.0e-7, 123456789.125] {
            let written = try JSONWriter.encode(.number(number))
            #expect(try JSONDecoder().decode(Double.self, from: Data(written)) == number, "\(number) reads back as itself")
        }
        #expect(throws: JSONWriter.InvalidNumber.self) { try JSONWriter.encode(.number(.infinity)) }
        #expect(throws: JSONWriter.InvalidNumber.self) { try JSONWriter.encode(.number(.nan)) }
    }

    /// A claims set like the tokens': names with `_` beside letters, nested objects and lists, in sorted order.
    @Test func objectsHaveTheirNamesInJSONEncodersOrder() throws {
        let claims: [String: JSONValue] = [
            "sub": .string("acc-1"), "aud": .string("portal"), "at_hash": .string("x"), "auth_time": .number(1_799_999_970),
            "acr": .string("urn:bankid"), "amr": .array([.string("bankid"), .string("mfa")]), "azp": .string("portal"),
            "iat": .number(1_800_000_000), "exp": .number(1_800_000_300), "nonce": .string("n-1"), "sid": .string("s"),
            "email_verified": .bool(true), "Zeta": .null, "a1": .number(1), "a10": .number(10), "a2": .number(2), "é": .string("e"),
            "memberships": .array([.object(["role": .string("admin"), "customer_number": .string("0123436"), "name": .string("Pant/butiken")])]),
            "business": .object(["customer_number": .string("0123436"), "kind": .string("retailer"), "name": .string("Å \"AB\"")]),
            "empty": .object([:]), "none": .array([]),
        ]
        #expect(try JSONWriter.encode(.object(claims)) == Array(try CanonicalJSON.encode(claims)))
        var set = Claims()
        for (name, value) in claims { set[name] = value }
        #expect(try set.encoded() == Array(try CanonicalJSON.encode(claims)))
    }
}
