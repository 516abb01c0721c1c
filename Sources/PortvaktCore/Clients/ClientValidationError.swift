/// A client registration that breaks a rule; `field` names the CLI option.
public struct ClientValidationError: Error, Equatable, Sendable, CustomStringConvertible {
    public let field: String
    public let message: String
    public var description: String { "\(field): \(message)" }
}
