#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Log lines on their way out, written in batches: appending a line costs a copy under a lock, not a system call
/// and a flush per line (swift-log's standard-error stream does both for every request line). The batch goes out
/// when a line is urgent (a warning or worse: it and everything before it, in order), when it passes `limit`
/// bytes, and at every `flush()` (a background thread calls it ten times a second for the process's stream, and
/// the process at exit).
public final class LogBuffer: Sendable {
    private struct Pending {
        var bytes: [UInt8] = []
        /// The second `stamp` was formatted for.
        var second: time_t = -1
        var stamp: [UInt8] = []
    }

    private let pending = Mutex(Pending())
    /// Held while a batch is written, so batches leave in the order their lines came.
    private let writing = Mutex<Void>(())
    private let sink: @Sendable ([UInt8]) -> Void
    let limit: Int

    public init(limit: Int = 64 * 1024, sink: @escaping @Sendable ([UInt8]) -> Void) {
        self.limit = limit
        self.sink = sink
    }

    /// Appends a line after the current time (formatted once a second), both under the buffer's one lock.
    public func appendLine(_ line: [UInt8], urgent: Bool) {
        let now = time(nil)
        let full = pending.withLock { state in
            if state.second != now {
                state.stamp = LogClock.stamp(now)
                state.second = now
            }
            state.bytes.append(contentsOf: state.stamp)
            state.bytes.append(contentsOf: line)
            return state.bytes.count >= limit
        }
        if urgent || full { flush() }
    }

    public func flush() {
        writing.withLock { _ in
            let batch = pending.withLock { state in
                defer { state.bytes.removeAll(keepingCapacity: true) }
                return state.bytes
            }
            if !batch.isEmpty { sink(batch) }
        }
    }

    /// Standard error, written whole (a short write is continued; an error other than EINTR drops the batch, as
    /// nowhere is left to report it).
    static let standardError = LogBuffer { batch in
        batch.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(2, bytes.baseAddress! + offset, bytes.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }
}
