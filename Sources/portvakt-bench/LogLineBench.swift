import Foundation
import Logging
import PortvaktCLI
import PortvaktServer

/// What a request's line at log level `info` costs: `RequestLogLine`'s message through the server's log handler
/// (`BatchedLogHandler`) into a batched file, with a request id in the logger's metadata as Hummingbird sets it.
/// Set beside the CPU a request takes (server CPU over rate in `scripts/bench`), it is logging's share of a request,
/// measured without the run-to-run noise of two HTTP runs.
enum LogLineBench {
    /// Nanoseconds of CPU per line on one thread, and per line with `threads` threads logging at once.
    static func run(seconds: Double, threads: Int) throws -> (single: Double, concurrent: Double) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("portvakt-bench-log-\(getpid())").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer {
            close(descriptor)
            unlink(path)
        }
        let buffer = LogBuffer { batch in
            batch.withUnsafeBytes { bytes in _ = write(descriptor, bytes.baseAddress, bytes.count) }
        }
        // The request's logger with its request id exists at every level; at info the line is what is added.
        var logger = Logger(label: "portvakt") { BatchedLogHandler(label: $0, buffer: buffer, metadataProvider: nil) }
        logger[metadataKey: "hb.request.id"] = "6c3b2a19f0e4d7a8b1c2d3e4f5a6b7c8"
        let requestLogger = logger
        let line: @Sendable () -> Void = {
            requestLogger.info(RequestLogLine.message(method: "POST", path: "/token", status: 200, elapsed: .microseconds(187)))
        }
        let single = try BenchMain.rate(seconds, batch: 1000) { line() }
        let concurrent = try BenchMain.concurrentRate(seconds, threads: threads, batch: 1000) { line() }
        buffer.flush()
        return (1e9 / single, 1e9 * Double(threads) / concurrent)
    }
}
