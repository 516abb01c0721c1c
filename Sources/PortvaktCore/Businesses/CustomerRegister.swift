import Foundation

/// Reads the customer register. Every bad row is reported by its line number, and nothing is imported
/// from a file with a bad row: `parse` returns either all rows or all problems. A sixth column, `org_number`, is
/// optional: files without it import as before.
public enum CustomerRegister {
    public static let header = ["customer_number", "name", "kind", "registered_email", "pin"]
    /// The header with the optional organisation number.
    public static let headerWithOrganisationNumber = header + ["org_number"]

    /// The problems of a register that cannot be imported, one line each.
    public struct Problems: Error, Equatable, Sendable {
        public var lines: [String]
    }

    /// - Parameter today: decides a sole trader's personnummer's century in its 12-digit form (`OrganisationNumber`).
    public static func parse(_ text: String, today: Date) -> Result<[RegisterRow], Problems> {
        // "\r\n" is one Character in Swift, and a newline: Windows files split like any other. Excel's BOM goes.
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        var lines = body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let first = lines.first, let columns = fields(first)?.map({ $0.lowercased() }),
            columns == header || columns == headerWithOrganisationNumber
        else {
            return .failure(Problems(lines: [
                "line 1: expected the header \(header.joined(separator: ",")) or \(headerWithOrganisationNumber.joined(separator: ","))"
            ]))
        }
        let width = columns.count
        var rows: [RegisterRow] = []
        var problems: [String] = []
        var seen: [String: Int] = [:]
        for (index, line) in lines.enumerated().dropFirst() {
            let number = index + 1
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            guard let values = fields(line), values.count == width else {
                problems.append("line \(number): expected \(width) fields: \(columns.joined(separator: ","))")
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
            var organisationNumber: String?
            if width == headerWithOrganisationNumber.count, !values[5].isEmpty {
                switch OrganisationNumber.parse(values[5], today: today) {
                case .success(let parsed): organisationNumber = parsed.digits
                case .failure(.checkDigit): wrong.append("org_number \(values[5]) has a wrong check digit")
                case .failure: wrong.append("org_number must be an organisationsnummer (NNNNNN-NNNN, 10 digits or 16NNNNNNNNNN)")
                }
            }
            if let earlier = seen[customerNumber] { wrong.append("customer_number \(customerNumber) is also on line \(earlier)") }
            seen[customerNumber] = number
            guard wrong.isEmpty, let kind else {
                problems.append("line \(number): " + wrong.joined(separator: "; "))
                continue
            }
            rows.append(RegisterRow(
                line: number, customerNumber: customerNumber, name: name, kind: kind, registeredEmail: email, pin: pin.isEmpty ? nil : pin,
                organisationNumber: organisationNumber))
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
