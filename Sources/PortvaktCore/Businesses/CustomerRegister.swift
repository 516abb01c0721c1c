import Foundation

/// Reads the customer register. Every bad row is reported by its line number, and nothing is imported
/// from a file with a bad row: `parse` returns either all rows or all problems.
public enum CustomerRegister {
    public static let header = ["customer_number", "name", "kind", "registered_email", "pin"]

    /// The problems of a register that cannot be imported, one line each.
    public struct Problems: Error, Equatable, Sendable {
        public var lines: [String]
    }

    public static func parse(_ text: String) -> Result<[RegisterRow], Problems> {
        // "\r\n" is one Character in Swift, and a newline: Windows files split like any other. Excel's BOM goes.
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        var lines = body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let first = lines.first, fields(first)?.map({ $0.lowercased() }) == header else {
            return .failure(Problems(lines: ["line 1: expected the header \(header.joined(separator: ","))"]))
        }
        var rows: [RegisterRow] = []
        var problems: [String] = []
        var seen: [String: Int] = [:]
        for (index, line) in lines.enumerated().dropFirst() {
            let number = index + 1
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            guard let values = fields(line), values.count == 5 else {
                problems.append("line \(number): expected 5 fields: \(header.joined(separator: ","))")
                continue
            }
            let customerNumber = values[0], name = values[1], kindText = values[2].lowercased(), email = values[3], pin = values[4]
            var wrong: [String] = []
            if !Business.isCustomerNumber(customerNumber) { wrong.append("customer_number must be 4 to 12 digits") }
            if name.isEmpty || name.count > 200 { wrong.append("name must not be empty") }
            let kind = Business.Kind(rawValue: kindText)
            if kind == nil { wrong.append("kind must be retailer, producer or importer") }
            if !MailAddress(address: email).isPlausible { wrong.append("registered_email is not an e-mail address") }
            if kind == .retailer, !(4...12).contains(pin.count) || !pin.allSatisfy({ $0.isASCII && $0.isNumber }) {
                wrong.append("pin must be 4 to 12 digits for a retailer")
            }
            if kind != nil, kind != .retailer, !pin.isEmpty { wrong.append("pin must be empty: producers and importers link by e-mail") }
            if let earlier = seen[customerNumber] { wrong.append("customer_number \(customerNumber) is also on line \(earlier)") }
            seen[customerNumber] = number
            guard wrong.isEmpty, let kind else {
                problems.append("line \(number): " + wrong.joined(separator: "; "))
                continue
            }
            rows.append(RegisterRow(
                line: number, customerNumber: customerNumber, name: name, kind: kind, registeredEmail: email, pin: pin.isEmpty ? nil : pin))
        }
        return problems.isEmpty ? .success(rows) : .failure(Problems(lines: problems))
    }

    /// The fields of one CSV line (RFC 4180 quoting), trimmed; nil for a broken quote.
    static func fields(_ line: String) -> [String]? {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var iterator = Array(line).makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { current.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"" && current.trimmingCharacters(in: .whitespaces).isEmpty {
                quoted = true
                current = ""
            } else if character == "," {
                fields.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
        }
        guard !quoted else { return nil }
        fields.append(current.trimmingCharacters(in: .whitespaces))
        return fields
    }
}
