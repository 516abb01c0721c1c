import Foundation

/// Base64url without padding (RFC 7515 §2), as JOSE uses it.
public enum Base64URL {
    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var output: [UInt8] = []
        append(bytes, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the encoding of `bytes` to `output`: how a JWS is assembled without intermediate strings.
    public static func append<Bytes: Sequence>(_ bytes: Bytes, to output: inout [UInt8]) where Bytes.Element == UInt8 {
        let appended: Void? = bytes.withContiguousStorageIfAvailable { append(buffer: $0, to: &output) }
        if appended == nil {
            let copy = Array(bytes)
            copy.withUnsafeBufferPointer { append(buffer: $0, to: &output) }
        }
    }

    /// The number of characters `count` bytes encode to.
    public static func encodedLength(of count: Int) -> Int {
        (count / 3) * 4 + [0, 2, 3][count % 3]
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    private static func append(buffer input: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        output.reserveCapacity(output.count + encodedLength(of: input.count))
        alphabet.withUnsafeBufferPointer { table in
            var index = 0
            while index + 3 <= input.count {
                let chunk = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
                output.append(table[Int(chunk >> 18 & 63)])
                output.append(table[Int(chunk >> 12 & 63)])
                output.append(table[Int(chunk >> 6 & 63)])
                output.append(table[Int(chunk & 63)])
                index += 3
            }
            switch input.count - index {
            case 1:
                let chunk = UInt32(input[index]) << 16
                output.append(table[Int(chunk >> 18 & 63)])
                output.append(table[Int(chunk >> 12 & 63)])
            case 2:
                let chunk = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8
                output.append(table[Int(chunk >> 18 & 63)])
                output.append(table[Int(chunk >> 12 & 63)])
                output.append(table[Int(chunk >> 6 & 63)])
            default:
                break
            }
        }
    }

    public static func decode(_ text: String) -> [UInt8]? {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        let remainder = base64.count % 4
        if remainder == 1 { return nil }
        if remainder > 0 { base64 += String(repeating: "=", count: 4 - remainder) }
        return Data(base64Encoded: base64).map(Array.init)
    }
}
