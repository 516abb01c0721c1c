import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One thread that owns one SQLite connection, and the task executor that runs work on it.
///
/// A unit of store work (a transaction, a read) runs with this thread as its task executor preference: its
/// statements then run on this thread one after another, each without a hand-off, and the whole unit costs one
/// hand-off there and one back. SQLite blocks its thread while it waits out another process's lock
/// (`busy_timeout`): with a thread of its own, a connection that waits holds only itself.
final class SQLiteThread: TaskExecutor, @unchecked Sendable {
    private enum Work {
        case job(UnownedJob)
        case call(() -> Void)
    }

    private let condition = NSCondition()
    private var queue: [Work] = []
    private var stopping = false
    private var stopped = false
    /// Set once, by the thread itself, before `init` returns.
    private var identity: pthread_t?

    init(name: String) {
        let started = DispatchSemaphore(value: 0)
        let thread = Thread { [unowned self] in
            self.identity = pthread_self()
            started.signal()
            self.loop()
        }
        thread.name = name
        thread.start()
        started.wait()
    }

    /// Whether the calling code runs on this thread.
    var isCurrent: Bool {
        guard let identity else { return false }
        return pthread_equal(identity, pthread_self()) != 0
    }

    /// A task that prefers this executor after the thread has ended (one still running when the store closed)
    /// goes on on the shared pool; its next statement finds the connection closed.
    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        if !add(.job(unowned)) {
            globalConcurrentExecutor.enqueue(ExecutorJob(unowned))
        }
    }

    /// Runs `body` on this thread and waits for it; at once when already there.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        if isCurrent { return try body() }
        return try await withCheckedThrowingContinuation { continuation in
            let queued = add(.call { continuation.resume(with: Result { try body() }) })
            if !queued { continuation.resume(throwing: StoreError.unavailable("the SQLite database is closed")) }
        }
    }

    /// Runs what was queued, then ends the thread; waits until it has ended. Work queued after runs elsewhere
    /// (a job) or is refused (a call).
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        // From the thread itself (a job that closes its own store), it ends once that job returns.
        while !stopped && !isCurrent { condition.wait() }
        condition.unlock()
    }

    /// False when the thread is ending.
    private func add(_ work: Work) -> Bool {
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
            for work in batch {
                switch work {
                case .job(let job): job.runSynchronously(on: asUnownedTaskExecutor())
                case .call(let body): body()
                }
            }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
