import Logging

/// Sets up swift-log once per process, at the configured level.
enum LogSetup {
    private static let once: Void = {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
    }()

    static func logger(level: String) -> Logger {
        _ = once
        var logger = Logger(label: "portvakt")
        logger.logLevel = Logger.Level(rawValue: level) ?? .info
        return logger
    }
}
