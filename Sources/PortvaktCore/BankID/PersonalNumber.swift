import Foundation

/// A Swedish personnummer or samordningsnummer, validated: the date exists (leap years; day + 60 for a
/// samordningsnummer) and the Luhn check digit is right. Kept in BankID's 12-digit form, `YYYYMMDDNNNC`.
/// It is sensitive: `masked` is what logs and audit records show.
public struct PersonalNumber: Sendable, Hashable, CustomStringConvertible {
    /// The 12 digits.
    public let digits: String

    public enum Problem: Error, Equatable, Sendable {
        case format
        case date
        case checkDigit
    }

    /// Parses every written form: `YYYYMMDDNNNC`, `YYYYMMDD-NNNC`, `YYMMDD-NNNC`, `YYMMDD+NNNC` (100 or older)
    /// and `YYMMDDNNNC`. Spaces around are ignored. A two-digit year is the latest one not after `today`
    /// (100 years earlier with `+`).
    public static func parse(_ text: String, today: Date) -> Result<PersonalNumber, Problem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var body = trimmed
        var separator: Character?
        if let last = trimmed.dropLast(4).last, last == "-" || last == "+" {
            separator = last
            body = String(trimmed.dropLast(5)) + String(trimmed.suffix(4))
        }
        guard body.allSatisfy({ $0.isASCII && $0.isNumber }), body.count == 10 || body.count == 12 else { return .failure(.format) }
        let full: String
        if body.count == 12 {
            guard separator != "+" else { return .failure(.format) }
            full = body
        } else {
            let calendar = Self.calendar
            let currentYear = calendar.component(.year, from: today)
            let yy = Int(body.prefix(2))!
            var year = currentYear - ((currentYear - yy) % 100 + 100) % 100
            // Later this year is not a birthday yet: then it was a century earlier.
            let monthDay = Int(body.dropFirst(2).prefix(4))! - (Int(body.dropFirst(4).prefix(2))! > 60 ? 60 : 0)
            let todayMonthDay = calendar.component(.month, from: today) * 100 + calendar.component(.day, from: today)
            if year == currentYear, monthDay > todayMonthDay { year -= 100 }
            if separator == "+" { year -= 100 }
            full = String(format: "%04d", year) + body.dropFirst(2)
        }
        let number = PersonalNumber(uncheckedDigits: full)
        guard number.birthDate != nil else { return .failure(.date) }
        guard Self.luhnDigit(String(full.dropFirst(2).prefix(9))) == Int(String(full.last!)) else { return .failure(.checkDigit) }
        return .success(number)
    }

    private init(uncheckedDigits: String) {
        digits = uncheckedDigits
    }

    /// A number as BankID returns it (12 digits), validated; `today` is the caller's clock, as `parse` takes it.
    public init?(bankID digits: String, today: Date) {
        guard digits.count == 12, case .success(let number) = Self.parse(digits, today: today) else { return nil }
        self = number
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Stockholm") ?? .gmt
        return calendar
    }()

    /// Whether the day is a samordningsnummer's (61..91).
    public var isCoordinationNumber: Bool { Int(digits.dropFirst(6).prefix(2))! > 60 }

    /// The date of birth, if it exists in the calendar.
    public var birthDate: DateComponents? {
        let year = Int(digits.prefix(4))!, month = Int(digits.dropFirst(4).prefix(2))!
        var day = Int(digits.dropFirst(6).prefix(2))!
        if day > 60 { day -= 60 }
        var components = DateComponents(year: year, month: month, day: day)
        guard (1...12).contains(month), day >= 1, let date = Self.calendar.date(from: components),
            Self.calendar.dateComponents([.year, .month, .day], from: date) == components
        else { return nil }
        components.calendar = nil
        return components
    }

    /// `19900101-****`: enough to tell numbers apart in a log, not enough to use one.
    public var masked: String { Self.masked(digits) }

    /// Stored digits (BankID's 12) as `masked` shows them, without parsing them again: the desk and the CLI show an
    /// applicant's personnummer this way.
    public static func masked(_ digits: String) -> String { "\(digits.prefix(8))-****" }

    public var description: String { masked }

    /// Luhn over `YYMMDDNNN`: weights 2,1,2,…, digit sums of the products, and the complement to 10.
    static func luhnDigit(_ nine: String) -> Int {
        var sum = 0
        for (index, character) in nine.enumerated() {
            let product = Int(String(character))! * (index % 2 == 0 ? 2 : 1)
            sum += product / 10 + product % 10
        }
        return (10 - sum % 10) % 10
    }
}
