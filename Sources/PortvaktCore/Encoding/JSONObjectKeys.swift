import Foundation

/// The member names at the top level of a JSON object, in order and with duplicates kept, read strictly: the
/// text must be one object and nothing else. Names are compared after their escapes are decoded, so `"sub"` and
/// `"\u0073ub"` are the same name. Nested objects are skipped, not inspected (RFC 7519 §4 speaks of the claims
/// set's own names).
public enum JSONObjectKeys {
    /// The names, or nil when the text is not exactly one well-formed JSON object.
    public static func topLevel(_ bytes: [UInt8]) -> [String]? {
        var reader = Reader(bytes: bytes)
        guard let names = reader.object(collect: true) else { return nil }
        reader.skipSpace()
        return reader.atEnd ? names : nil
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0
        /// Deep nesting is refused rather than recursed into without end.
        var depth = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index >= bytes.count }
        var current: UInt8? { atEnd ? nil : bytes[index] }

        mutating func skipSpace() {
            while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
        }

        mutating func expect(_ byte: UInt8) -> Bool {
            skipSpace()
            guard current == byte else { return false }
            index += 1
            return true
        }

        /// An object; its member names when `collect`, else an empty list.
        mutating func object(collect: Bool) -> [String]? {
            guard expect(UInt8(ascii: "{")) else { return nil }
            depth += 1
            defer { depth -= 1 }
            guard depth <= 64 else { return nil }
            var names: [String] = []
            if expect(UInt8(ascii: "}")) { return names }
            repeat {
                skipSpace()
                guard let name = string() else { return nil }
                if collect { names.append(name) }
                guard expect(UInt8(ascii: ":")), value() else { return nil }
            } while expect(UInt8(ascii: ","))
            return expect(UInt8(ascii: "}")) ? names : nil
        }

        mutating func array() -> Bool {
            guard expect(UInt8(ascii: "[")) else { return false }
            depth += 1
            defer { depth -= 1 }
            guard depth <= 64 else { return false }
            if expect(UInt8(ascii: "]")) { return true }
            repeat {
                guard value() else { return false }
            } while expect(UInt8(ascii: ","))
            return expect(UInt8(ascii: "]"))
        }

        mutating func value() -> Bool {
            skipSpace()
            guard let byte = current else { return false }
            switch byte {
            case UInt8(ascii: "{"): return object(collect: false) != nil
            case UInt8(ascii: "["): return array()
            case UInt8(ascii: "\""): return string() != nil
            default: return scalar()
            }
        }

        /// `true`, `false`, `null` or a number: checked by the decoder that reads the value afterwards; here only
        /// its extent matters, and it must be one of those words or characters.
        mutating func scalar() -> Bool {
            let start = index
            while let byte = current, byte != UInt8(ascii: ","), byte != UInt8(ascii: "}"), byte != UInt8(ascii: "]"),
                byte != 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D
            {
                index += 1
            }
            let word = String(decoding: bytes[start..<index], as: UTF8.self)
            return word == "true" || word == "false" || word == "null"
                || (!word.isEmpty && word.allSatisfy { "0123456789+-.eE".contains($0) } && Double(word) != nil)
        }

        /// A string, its escapes decoded by Foundation's JSON decoder.
        mutating func string() -> String? {
            guard current == UInt8(ascii: "\"") else { return nil }
            let start = index
            index += 1
            while let byte = current, byte != UInt8(ascii: "\"") {
                if byte < 0x20 { return nil }
                index += byte == UInt8(ascii: "\\") ? 2 : 1
            }
            guard current == UInt8(ascii: "\"") else { return nil }
            index += 1
            return try? JSONDecoder().decode(String.self, from: Data(bytes[start..<index]))
        }
    }
}
