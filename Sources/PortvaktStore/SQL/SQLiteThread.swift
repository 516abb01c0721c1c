import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One thread that owns one SQLite connection and runs its statements, one at a time: SQLite blocks its thread
/// while it waits out another process's lock (`busy_timeout`), and with a thread of its own a connection that
/// waits holds only itself.
///
/// It is not a task executor: Swift's task executor preference (a whole unit of work run on this thread) crashed
/// the test suite now and then with a corrupted task context on Linux (Swift 6.3.1), so each statement is one
/// hand-off here and one back.
final class SQLiteThread: @unchecked Sendable {
    private typealias Work = () -> Void

    private let condition = NSCondition()
    private var queue: [Work] = []
    private var stopping = false
    private var stopped = false
    /// Set once, by the thread itself, before `init` returns.
    private var identity: pthread_t?

    init(name: String) {
        let started = DispatchSemaphore(value: 0)
        // The thread holds this object until `stop()` ends the thread.
        let thread = Thread {
            self.identity = pthread_self()
            started.signal()
            self.loop()
        }
        thread.name = name
        // What runs here (SQLite, row decoding) gets the usual 8 MiB.
        thread.stackSize = 8 << 20
        thread.start()
        started.wait()
    }

    /// Whether the calling code runs on this thread.
    var isCurrent: Bool {
        guard let identity else { return false }
        return pthread_equal(identity, pthread_self()) != 0
    }

    /// Runs `body` on this thread and waits for it; at once when already there.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        if isCurrent { return try body() }
        return try await withCheckedThrowingContinuation { continuation in
            let queued = add { continuation.resume(with: Result { try body() }) }
            if !queued { continuation.resume(throwing: StoreError.unavailable("the SQLite database is closed")) }
        }
    }

    /// Runs what was queued, then ends the thread; waits until it has ended. Work asked for after is refused.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        // From the thread itself (work that drops the last reference to its connection), it ends after that work.
        while !stopped && !isCurrent { condition.wait() }
        condition.unlock()
    }

    /// False when the thread is ending.
    private func add(_ work: @escaping Work) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping else { return false }
        queue.append(work)
        condition.signal()
        return true
    }

    private func loop() {
        var batch: [Work] = []
        while true {
            condition.lock()
            while queue.isEmpty && !stopping { condition.wait() }
            if queue.isEmpty {
                stopped = true
                condition.broadcast()
                condition.unlock()
                return
            }
            swap(&batch, &queue)
            condition.unlock()
            for work in batch { work() }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
