import CArgon2

/// libargon2 refused to hash (out of memory, or parameters it does not accept).
public struct PasswordHashError: Error, CustomStringConvertible {
    let status: Int32
    init(_ status: Int32) { self.status = status }
    public var description: String { "argon2id failed: \(String(cString: argon2_error_message(status)))" }
}
