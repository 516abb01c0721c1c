/// A configuration value Portvakt refuses to start with. Its description is one line naming the setting.
public struct ConfigurationError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The setting as the operator wrote it: `keys.jwks_max_age`, or `PORTVAKT_LISTEN (listen)`.
    public let setting: String
    public let message: String

    public init(setting: String, message: String) {
        self.setting = setting
        self.message = message
    }

    public var description: String { "configuration error: \(setting): \(message)" }
}
