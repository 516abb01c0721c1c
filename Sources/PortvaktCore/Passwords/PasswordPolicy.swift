import Foundation

/// NIST SP 800-63B §5.1.1.2: at least 12 characters, up to 128 accepted whole (never truncated), no composition
/// rules, and not a known common password or the user's own details.
public struct PasswordPolicy: Sendable {
    public static let minimumLength = 12
    public static let maximumLength = 128

    private let common: Set<String>

    public init(common: Set<String> = CommonPasswords.set) {
        self.common = common
    }

    /// Length in Unicode code points after NFC normalisation, as NIST counts.
    public static func length(_ password: String) -> Int {
        password.precomposedStringWithCanonicalMapping.unicodeScalars.count
    }

    /// The first problem with `password`, or nil when it is acceptable.
    /// - Parameter personal: the user's e-mail address and names, which the password must not be.
    public func check(_ password: String, personal: [String] = []) -> PasswordProblem? {
        let length = Self.length(password)
        if length < Self.minimumLength { return .tooShort(minimum: Self.minimumLength) }
        if length > Self.maximumLength { return .tooLong(maximum: Self.maximumLength) }
        let lowered = password.lowercased()
        if common.contains(lowered) { return .common }
        let details = personal.flatMap { detail -> [String] in
            let value = detail.lowercased()
            return [value] + (value.split(separator: "@").first.map { [String($0)] } ?? [])
        }.filter { $0.count >= 4 }
        if details.contains(lowered) { return .containsPersonalDetail }
        return nil
    }
}
