import Foundation

/// A Swedish organisationsnummer, or a sole trader's personnummer (a sole trader's business is known by it), kept
/// normalised as 10 digits. Written as `NNNNNN-NNNN`, `NNNNNNNNNN`, or the 12-digit `16NNNNNNNNNN` form; a
/// personnummer also in its 12-digit forms (`YYYYMMDDNNNN`, `YYYYMMDD-NNNN`). The last digit is the Luhn check
/// digit over the nine before it.
public struct OrganisationNumber: Sendable, Hashable, CustomStringConvertible {
    /// The 10 digits.
    public let digits: String

    public enum Problem: Error, Equatable, Sendable {
        /// Not digits in one of the written forms.
        case format
        /// Digits, but not 10 (or 12 in a 12-digit form).
        case length
        /// The check digit is wrong.
        case checkDigit
    }

    /// Parses every written form; spaces around are ignored. `today` decides a personnummer's century when it is
    /// given in its 12-digit form (only the last ten digits are kept either way).
    public static func parse(_ text: String, today: Date) -> Result<OrganisationNumber, Problem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var body = trimmed
        if trimmed.count > 5, let separator = trimmed.dropLast(4).last, separator == "-" {
            body = String(trimmed.dropLast(5)) + String(trimmed.suffix(4))
        }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isNumber }) else { return .failure(.format) }
        let ten: String
        switch body.count {
        case 10:
            ten = body
        case 12 where body.hasPrefix("16"):
            ten = String(body.dropFirst(2))
        case 12:
            // A sole trader's personnummer in its 12-digit form: the date must exist.
            switch PersonalNumber.parse(body, today: today) {
            case .success(let number): ten = String(number.digits.dropFirst(2))
            case .failure(.checkDigit): return .failure(.checkDigit)
            case .failure: return .failure(.format)
            }
        default:
            return .failure(.length)
        }
        guard PersonalNumber.luhnDigit(String(ten.prefix(9))) == Int(String(ten.last!)) else { return .failure(.checkDigit) }
        return .success(OrganisationNumber(digits: ten))
    }

    /// A number already normalised (as the store keeps it), checked again.
    public init?(normalised digits: String) {
        guard digits.count == 10, case .success(let number) = Self.parse(digits, today: Date(timeIntervalSince1970: 0)) else { return nil }
        self = number
    }

    private init(digits: String) {
        self.digits = digits
    }

    /// Whether the number is a personnummer's (a sole trader's): the third and fourth digits are a month. Every
    /// legal person's number has 20 or more there.
    public var isPersonalNumber: Bool { (Int(digits.dropFirst(2).prefix(2)) ?? 0) < 20 }

    /// As it is written: `556677-8899`.
    public var formatted: String { "\(digits.prefix(6))-\(digits.suffix(4))" }

    /// As audit records, lists, mails and a business's members see it: a legal person's number whole, a sole
    /// trader's personnummer masked (`811228-****`, as `PersonalNumber.masked`). Only the desk's page of one
    /// application, where a reviewer checks the business, and the operator's CLI show it whole.
    public var masked: String { isPersonalNumber ? "\(digits.prefix(6))-****" : formatted }

    public var description: String { masked }
}
