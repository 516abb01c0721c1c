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

    /// A `TextOutputStream` that keeps what swift-log's own handler writes.
    struct Collected: TextOutputStream, Sendable {
        let sink: Sink
        mutating func write(_ string: String) { sink.take(Array(string.utf8)) }
    }

    @Test func linesAreSwiftLogsStandardFormatWithTheMetadataSortedAndMerged() {
        let ours = Sink(), theirs = Sink()
        let buffer = LogBuffer { ours.take($0) }
        for (sink, make) in [
            (ours, { (label: String) -> any LogHandler in BatchedLogHandler(label: label, buffer: buffer, metadataProvider: nil) }),
            (theirs, { (label: String) -> any LogHandler in StreamLogHandler(label: label, stream: Collected(sink: theirs), metadataProvider: nil) }),
        ] {
            _ = sink
            var logger = Logger(label: "portvakt", factory: make)
            logger.logLevel = .info
            logger[metadataKey: "hb.request.id"] = "r7"
            logger[metadataKey: "a"] = "1"
            logger.info("GET /token 200 1.2ms", metadata: ["z": "9"])
            logger.info("plain")
        }
        buffer.flush()
        // The timestamp aside (its second may differ), the lines are the same.
        func withoutTime(_ text: String) -> [String] { text.split(separator: "\n").map { String($0.drop { $0 != " " }) } }
        #expect(withoutTime(ours.all.joined()) == withoutTime(theirs.all.joined()))
        #expect(withoutTime(ours.all.joined()).first == " info portvakt: a=1 hb.request.id=r7 z=9 [PortvaktServerTests] GET /token 200 1.2ms")
        #expect(ours.all.joined().firstMatch(of: #/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} /#) != nil)
    }
}
