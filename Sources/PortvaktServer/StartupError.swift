/// Start-up failed. The description is the one line the operator sees.
public struct StartupError: Error, CustomStringConvertible {
    public let setting: String
    public let message: String

    public init(setting: String, message: String) {
        self.setting = setting
        self.message = message
    }

    public var description: String { "cannot start: \(setting): \(message)" }
}
