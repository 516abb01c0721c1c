/// A reason a single value was refused, before it is tied to the setting's name.
public struct ConfigurationMessage: Error, Equatable, Sendable, ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    public let text: String
    public init(_ text: String) { self.text = text }
    public init(stringLiteral value: String) { self.text = value }
}
