import Logging

/// The line logged at `info` for each request: method, path, status and duration in tenths of a millisecond.
public enum RequestLogLine {
    public static func message(method: String, path: String, status: Int, elapsed: Duration) -> Logger.Message {
        // Tenths of a millisecond in integers: Foundation's String(format:) was a measurable part of a request.
        let tenths = elapsed.components.seconds * 10_000 + elapsed.components.attoseconds / 100_000_000_000_000
        return "\(method) \(path) \(status) \(tenths / 10).\(tenths % 10)ms"
    }
}
