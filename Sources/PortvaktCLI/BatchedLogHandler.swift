import Foundation
import Logging

/// swift-log's standard line format (as `StreamLogHandler` writes it), into a `LogBuffer`: lines up to `notice` wait
/// for the next batch, `warning` and worse are written at once with everything before them.
///
/// Written for the request path: setting metadata (Hummingbird sets the request id on every request's logger, at
/// any level) only stores it, and it is formatted when a line is written; the timestamp is formatted once a
/// second (`LogClock`) with the reentrant `localtime_r`. `StreamLogHandler` formatted the metadata on every set,
/// twice here (one handler per urgency), and called `localtime` for every line.
struct BatchedLogHandler: LogHandler {
    let label: String
    let buffer: LogBuffer
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    init(label: String, buffer: LogBuffer, metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider) {
        self.label = label
        self.buffer = buffer
        self.metadataProvider = metadataProvider
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get(), !provided.isEmpty { merged.merge(provided) { $1 } }
        if let explicit = event.metadata, !explicit.isEmpty { merged.merge(explicit) { $1 } }
        if let error = event.error {
            merged["error.message"] = "\(error)"
            merged["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        let message = event.message.description
        var line = LogClock.shared.timestamp()
        line.reserveCapacity(line.utf8.count + label.utf8.count + message.utf8.count + 96)
        line += " "
        // The raw value, not "\(level)": interpolating an enum goes through reflection.
        line += event.level.rawValue
        if !label.isEmpty {
            line += " "
            line += label
        }
        line += ":"
        // The request id is the usual one entry: no sorting for it.
        if merged.count == 1, let (key, value) = merged.first {
            append(key, value, to: &line)
        } else if !merged.isEmpty {
            for (key, value) in merged.sorted(by: { $0.key < $1.key }) { append(key, value, to: &line) }
        }
        line += " ["
        line += event.source
        line += "] "
        line += message
        line += "\n"
        buffer.append(line, urgent: event.level >= .warning)
    }

    private func append(_ key: String, _ value: Logger.MetadataValue, to line: inout String) {
        line += " "
        line += key
        line += "="
        if case .string(let text) = value { line += text } else { line += value.description }
    }
}
