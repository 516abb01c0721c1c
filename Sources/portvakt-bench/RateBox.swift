import Synchronization

/// The rates the threads of `concurrentRate` measured, one slot each, collected under a lock taken once per thread.
final class RateBox: Sendable {
    private let slots: Mutex<[Result<Double, any Error>]>

    init(count: Int) {
        slots = Mutex(Array(repeating: .success(0), count: count))
    }

    func set(_ index: Int, _ result: Result<Double, any Error>) {
        slots.withLock { $0[index] = result }
    }

    var values: [Result<Double, any Error>] { slots.withLock { $0 } }
}
