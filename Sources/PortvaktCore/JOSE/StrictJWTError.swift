/// Why a JWT from outside was refused before its signature was checked.
public struct StrictJWTError: Error, Equatable, Sendable, CustomStringConvertible {
    private enum Kind: Equatable, Sendable { case malformed, duplicateName, criticalExtension }
    private let kind: Kind
    public let message: String

    private init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    static func malformed(_ message: String) -> Self { .init(.malformed, message) }
    static func duplicateName(_ message: String) -> Self { .init(.duplicateName, message) }
    static func criticalExtension(_ message: String) -> Self { .init(.criticalExtension, message) }

    public var isDuplicateName: Bool { kind == .duplicateName }
    public var isCriticalExtension: Bool { kind == .criticalExtension }
    public var description: String { message }
}
