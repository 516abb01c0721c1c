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
        // Everything is text before the buffer's lock is taken; under it, only copies. The usual case, one entry
        // (the request id), needs neither sorting nor a list.
        let single = merged.count == 1 ? merged.first.map { (key: $0.key, value: Self.text($0.value)) } : nil
        let entries: [(key: String, value: String)] = merged.count > 1
            ? merged.sorted(by: { $0.key < $1.key }).map { ($0.key, Self.text($0.value)) } : []
        let message = event.message.description
        let source = event.source
        // The raw value, not "\(level)": interpolating an enum goes through reflection.
        let level = event.level.rawValue
        let label = self.label
        // The line's bytes are put together before the buffer's lock is taken; under it, one copy.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(level.utf8.count + label.utf8.count + source.utf8.count + message.utf8.count + 48 + (single.map { $0.key.utf8.count + $0.value.utf8.count } ?? 0))
        bytes.append(UInt8(ascii: " "))
        bytes.append(contentsOf: level.utf8)
        if !label.isEmpty {
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: label.utf8)
        }
        bytes.append(UInt8(ascii: ":"))
        if let single { Self.append(single, to: &bytes) }
        for entry in entries { Self.append(entry, to: &bytes) }
        bytes.append(contentsOf: " [".utf8)
        bytes.append(contentsOf: source.utf8)
        bytes.append(contentsOf: "] ".utf8)
        bytes.append(contentsOf: message.utf8)
        bytes.append(UInt8(ascii: "\n"))
        let line = bytes
        buffer.appendLine(urgent: event.level >= .warning) { $0.append(contentsOf: line) }
    }

    /// ` key=value`
    private static func append(_ entry: (key: String, value: String), to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: " "))
        bytes.append(contentsOf: entry.key.utf8)
        bytes.append(UInt8(ascii: "="))
        bytes.append(contentsOf: entry.value.utf8)
    }

    private static func text(_ value: Logger.MetadataValue) -> String {
        if case .string(let text) = value { return text }
        return value.description
    }
}
