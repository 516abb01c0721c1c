import Foundation
import Synchronization

/// The log lines' local time, `2026-11-29T20:25:27+0000`, formatted once per second for all threads.
final class LogClock: Sendable {
    static let shared = LogClock()
    private let cached = Mutex<(second: Int, text: String)>((-1, ""))

    func timestamp() -> String {
        var now = time(nil)
        if let text = cached.withLock({ $0.second == now ? $0.text : nil }) { return text }
        var local = tm()
        guard localtime_r(&now, &local) != nil else { return "<unknown>" }
        var bytes = [CChar](repeating: 0, count: 64)
        let count = strftime(&bytes, bytes.count, "%Y-%m-%dT%H:%M:%S%z", &local)
        let text = String(decoding: bytes.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        cached.withLock { $0 = (now, text) }
        return text
    }
}
