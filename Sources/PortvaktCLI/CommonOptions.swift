import ArgumentParser
import Foundation
import PortvaktCore

/// Options every command takes.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "The configuration file (default: $PORTVAKT_CONFIG, else conf/portvakt.json when it exists).")
    var config: String?

    /// Reads and validates the configuration, or fails with one line naming the setting.
    func loadConfiguration(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Configuration {
        let explicit = config ?? environment["PORTVAKT_CONFIG"]
        let path = explicit ?? "conf/portvakt.json"
        var file: (name: String, contents: Data)?
        if FileManager.default.fileExists(atPath: path) {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw CLIError("cannot read the configuration file \(path)")
            }
            file = (path, contents)
        } else if explicit != nil {
            throw CLIError("the configuration file \(path) does not exist")
        }
        do {
            return try Configuration.load(file: file, environment: environment)
        } catch {
            throw CLIError(error.description)
        }
    }
}

/// The audit log's actor for commands run by hand.
var cliActor: String {
    "cli:\(ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] ?? "unknown")"
}

/// Runs a command body, turning known errors into one line on standard error and exit status 1.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as ExitCode {
        throw error
    } catch {
        LogSetup.flush()  // the log lines before the error come before it
        FileHandle.standardError.write(Data("portvakt: \(error)\n".utf8))
        throw ExitCode.failure
    }
}
