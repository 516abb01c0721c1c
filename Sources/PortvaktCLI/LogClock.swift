import Foundation

/// The log lines' local time, `2026-11-29T20:25:27+0000`, as swift-log's standard format writes it, with the
/// reentrant `localtime_r`. `LogBuffer` formats it once a second.
enum LogClock {
    static func stamp(_ seconds: time_t) -> [UInt8] {
        var now = seconds
        var local = tm()
        guard localtime_r(&now, &local) != nil else { return Array("<unknown>".utf8) }
        var bytes = [CChar](repeating: 0, count: 64)
        let count = strftime(&bytes, bytes.count, "%Y-%m-%dT%H:%M:%S%z", &local)
        return bytes.prefix(count).map { UInt8(bitPattern: $0) }
    }
}
