/// A problem with the key-encryption key; its description is one line for the operator.
public struct KEKError: Error, CustomStringConvertible, Equatable, Sendable {
    public let message: String
    public var description: String { message }
}
