import Logging
import Synchronization
import Testing

@testable import PortvaktCLI

/// The batched log: routine lines wait for a flush, a warning goes out at once after them, order is kept, and a
/// full buffer goes out by itself.
@Suite struct BatchedLogTests {
    final class Sink: Sendable {
        let batches = Mutex<[String]>([])
        func take(_ bytes: [UInt8]) { batches.withLock { $0.append(String(decoding: bytes, as: UTF8.self)) } }
        var all: [String] { batches.withLock { $0 } }
    }

    @Test func routineLinesWaitAndAWarningTakesThemAlongInOrder() {
        let sink = Sink()
        let buffer = LogBuffer { sink.take($0) }
        var logger = Logger(label: "test") { BatchedLogHandler(label: $0, buffer: buffer) }
        logger.logLevel = .info
        logger.info("first")
        logger.debug("hidden")
        logger.info("second")
        #expect(sink.all.isEmpty)
        logger.warning("third")
        #expect(sink.all.count == 1)
        let lines = sink.all[0].split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasSuffix("first") && lines[0].contains(" info test:"))
        #expect(lines[1].hasSuffix("second"))
        #expect(lines[2].hasSuffix("third") && lines[2].contains(" warning test:"))
        logger.info("fourth")
        buffer.flush()
        buffer.flush()
        #expect(sink.all.count == 2 && sink.all[1].hasSuffix("fourth\n"))
    }

    @Test func aFullBufferIsWrittenWithoutAFlush() {
        let sink = Sink()
        let buffer = LogBuffer(limit: 100) { sink.take($0) }
        var logger = Logger(label: "test") { BatchedLogHandler(label: $0, buffer: buffer) }
        logger.logLevel = .info
        logger[metadataKey: "request"] = "r1"
        for index in 0..<3 { logger.info("line \(index) with enough text to pass the limit soon") }
        #expect(!sink.all.isEmpty)
        #expect(sink.all[0].contains("request=r1"))
    }
}
