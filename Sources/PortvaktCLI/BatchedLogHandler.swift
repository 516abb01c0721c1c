import Foundation
import Logging

/// swift-log's standard line format (as `StreamLogHandler` writes it), into a `LogBuffer`: lines up to `notice` wait
/// for the next batch, `warning` and worse are written at once with everything before them.
///
/// Written for the request path: setting metadata (Hummingbird sets the request id on every request's logger, at
/// any level) only stores it, and it is formatted when a line is written; the line's bytes are put together first
/// and copied into the buffer under its lock, after a timestamp the buffer formats once a second (`LogClock`). `StreamLogHandler` formatted the
/// metadata on every set, twice here (one handler per urgency), and called `localtime` for every line.
public struct BatchedLogHandler: LogHandler {
    let label: String
    let buffer: LogBuffer
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    public init(label: String, buffer: LogBuffer, metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider) {
        self.label = label
        self.buffer = buffer
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get(), !provided.isEmpty { merged.merge(provided) { $1 } }
        if let explicit = event.metadata, !explicit.isEmpty { merged.merge(explicit) { $1 } }
        if let error = event.error {
            merged["error.message"] = "\(error)"
            merged["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        let message = event.message.description
        let source = event.source
        // The raw value, not "\(level)": interpolating an enum goes through reflection.
        let level = event.level.rawValue
        // The line's bytes are put together before the buffer's lock is taken; under it, one copy.
        var line: [UInt8] = []
        line.reserveCapacity(level.utf8.count + label.utf8.count + source.utf8.count + message.utf8.count + 96)
        line.append(UInt8(ascii: " "))
        line.append(contentsOf: level.utf8)
        if !label.isEmpty {
            line.append(UInt8(ascii: " "))
            line.append(contentsOf: label.utf8)
        }
        line.append(UInt8(ascii: ":"))
        // The usual case, one entry (the request id), needs no sorting.
        if merged.count > 1 {
            for (key, value) in merged.sorted(by: { $0.key < $1.key }) { Self.append(key, value, to: &line) }
        } else {
            for (key, value) in merged { Self.append(key, value, to: &line) }
        }
        line.append(contentsOf: " [".utf8)
        line.append(contentsOf: source.utf8)
        line.append(contentsOf: "] ".utf8)
        line.append(contentsOf: message.utf8)
        line.append(UInt8(ascii: "\n"))
        buffer.appendLine(line, urgent: event.level >= .warning)
    }

    /// ` key=value`
    private static func append(_ key: String, _ value: Logger.MetadataValue, to line: inout [UInt8]) {
        line.append(UInt8(ascii: " "))
        line.append(contentsOf: key.utf8)
        line.append(UInt8(ascii: "="))
        if case .string(let text) = value { line.append(contentsOf: text.utf8) } else { line.append(contentsOf: value.description.utf8) }
    }
}
