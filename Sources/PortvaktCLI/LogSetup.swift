import Foundation
import Logging

/// Sets up swift-log once per process, at the configured level: standard error in swift-log's format, batched
/// (`LogBuffer`) so that a line per request at `info` costs little.
enum LogSetup {
    private static let once: Void = {
        LoggingSystem.bootstrap { label in
            var handler = BatchedLogHandler(label: label, buffer: .standardError)
            handler.logLevel = .info
            return handler
        }
        // Routine lines wait at most a tenth of a second; what is left goes out when the process exits.
        let flusher = Thread {
            while true {
                Thread.sleep(forTimeInterval: 0.1)
                LogBuffer.standardError.flush()
            }
        }
        flusher.name = "portvakt-log"
        flusher.start()
        atexit { LogBuffer.standardError.flush() }
    }()

    static func logger(level: String) -> Logger {
        _ = once
        var logger = Logger(label: "portvakt")
        logger.logLevel = Logger.Level(rawValue: level) ?? .info
        return logger
    }

    /// Writes the lines still waiting (before the process ends by a path that skips `atexit`).
    static func flush() {
        LogBuffer.standardError.flush()
    }
}
