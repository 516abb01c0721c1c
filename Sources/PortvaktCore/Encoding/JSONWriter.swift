/// Writes `JSONValue`s straight into bytes, as `CanonicalJSON` would encode them (sorted keys, slashes not
/// escaped), without going through `JSONEncoder`: how token payloads are encoded on the hot path. The tests hold
/// its output to `CanonicalJSON`'s byte for byte.
public enum JSONWriter {
    /// A number JSON cannot carry (infinity, NaN).
    public struct InvalidNumber: Error, CustomStringConvertible {
        public let value: Double
        public var description: String { "\(value) cannot be written as JSON" }
    }

    public static func encode(_ value: JSONValue) throws -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(512)
        try append(value, to: &output)
        return output
    }

    public static func append(_ value: JSONValue, to output: inout [UInt8]) throws {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number): try append(number: number, to: &output)
        case .string(let text): append(string: text, to: &output)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                try append(item, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members): try append(object: members, to: &output)
        }
    }

    /// An object with its members in the order of their names' UTF-8 bytes, as `JSONEncoder`'s `.sortedKeys`.
    public static func append(object members: [String: JSONValue], to output: inout [UInt8]) throws {
        output.append(UInt8(ascii: "{"))
        let names = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for (index, name) in names.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            append(string: name, to: &output)
            output.append(UInt8(ascii: ":"))
            // The name comes from the dictionary's own keys.
            try append(members[name]!, to: &output)
        }
        output.append(UInt8(ascii: "}"))
    }

    /// Whole numbers (every timestamp) as integers; others in Swift's shortest round-tripping form.
    static func append(number: Double, to output: inout [UInt8]) throws {
        guard number.isFinite else { throw InvalidNumber(value: number) }
        if number == number.rounded(.towardZero), abs(number) < 9_007_199_254_740_992 {
            output.append(contentsOf: String(Int64(number)).utf8)
        } else {
            output.append(contentsOf: number.description.utf8)
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A string with `"`, `\` and the control characters escaped (RFC 8259 §7); everything else as UTF-8.
    public static func append(string: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x00..<0x20:
                output.append(contentsOf: "\\u00".utf8)
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
