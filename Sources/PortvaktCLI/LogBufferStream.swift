/// A `TextOutputStream` into a `LogBuffer`, for swift-log's `StreamLogHandler`; `urgent` lines go out at once.
struct LogBufferStream: TextOutputStream, Sendable {
    let buffer: LogBuffer
    let urgent: Bool

    mutating func write(_ string: String) {
        buffer.append(string, urgent: urgent)
    }
}
