import Logging

/// swift-log's standard format (`StreamLogHandler`), into a `LogBuffer`: lines up to `notice` wait for the next
/// batch, `warning` and worse are written at once with everything before them.
struct BatchedLogHandler: LogHandler {
    private var routine: StreamLogHandler
    private var urgent: StreamLogHandler

    init(label: String, buffer: LogBuffer) {
        routine = StreamLogHandler(label: label, stream: LogBufferStream(buffer: buffer, urgent: false))
        urgent = StreamLogHandler(label: label, stream: LogBufferStream(buffer: buffer, urgent: true))
    }

    var logLevel: Logger.Level {
        get { routine.logLevel }
        set {
            routine.logLevel = newValue
            urgent.logLevel = newValue
        }
    }

    var metadata: Logger.Metadata {
        get { routine.metadata }
        set {
            routine.metadata = newValue
            urgent.metadata = newValue
        }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { routine.metadataProvider }
        set {
            routine.metadataProvider = newValue
            urgent.metadataProvider = newValue
        }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { routine[metadataKey: key] }
        set {
            routine[metadataKey: key] = newValue
            urgent[metadataKey: key] = newValue
        }
    }

    func log(event: LogEvent) {
        if event.level >= .warning {
            urgent.log(event: event)
        } else {
            routine.log(event: event)
        }
    }
}
