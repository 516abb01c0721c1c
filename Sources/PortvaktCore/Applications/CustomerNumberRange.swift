/// The customer numbers new businesses get on approval (`applications.customer_numbers`, as `9000000-9999999`):
/// written with as many digits as the lower bound, leading zeros kept. The store takes them in order and never
/// gives one twice, skipping any the register already has.
public struct CustomerNumberRange: Sendable, Equatable, CustomStringConvertible {
    public let lower: Int64
    public let upper: Int64
    /// Digits in every number of the range.
    public let width: Int

    /// `LOWER-UPPER`: two customer numbers (4 to 12 digits) of the same length, lower first.
    public static func parse(_ text: String) -> Result<CustomerNumberRange, ConfigurationMessage> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, Business.isCustomerNumber(parts[0]), Business.isCustomerNumber(parts[1]), parts[0].count == parts[1].count,
            let lower = Int64(parts[0]), let upper = Int64(parts[1]), lower <= upper
        else {
            return .failure("expected two customer numbers of the same length (4 to 12 digits), lower first, as in 9000000-9999999")
        }
        return .success(CustomerNumberRange(lower: lower, upper: upper, width: parts[0].count))
    }

    public init(lower: Int64, upper: Int64, width: Int) {
        self.lower = lower
        self.upper = upper
        self.width = width
    }

    /// The customer number `value` is, written in the range's width.
    public func customerNumber(_ value: Int64) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    public func contains(_ value: Int64) -> Bool { (lower...upper).contains(value) }

    public var description: String { "\(customerNumber(lower))-\(customerNumber(upper))" }
}
