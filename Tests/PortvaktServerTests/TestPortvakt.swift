import ArgumentParser
import Foundation
import Logging
import PortvaktCLI
import PortvaktCore
import PortvaktServer
import Testing

/// A Portvakt on a fresh SQLite file in a temporary folder, with its configuration file beside it, so the
/// CLI can be pointed at the same store with `--config`.
struct TestPortvakt {
    let folder: String
    let configPath: String
    let configuration: Configuration

    static let logger: Logger = {
        var logger = Logger(label: "portvakt.tests")
        logger.logLevel = .warning
        return logger
    }()

    /// Writes a configuration file with `settings` on top of a temporary database and KEK file.
    init(_ settings: [String: Any] = [:]) throws {
        folder = NSTemporaryDirectory() + "portvakt-server-test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // BankID is off unless a test turns it on (`["bankid": ["url": "simulator", …]]`).
        var document: [String: Any] = [
            "database_url": "sqlite://\(folder)/portvakt.sqlite", "kek_file": "\(folder)/kek", "bankid": ["url": ""],
            "mail": ["mailbox_dir": "\(folder)/mailbox"],
        ]
        document.merge(settings) { $1 }
        configPath = folder + "/portvakt.json"
        let data = try JSONSerialization.data(withJSONObject: document)
        try data.write(to: URL(fileURLWithPath: configPath))
        configuration = try Configuration.load(file: (configPath, data), environment: [:])
    }

    /// Opens the services as `portvakt serve` does, runs `body`, and closes the store.
    func withServices<T>(now: Date = Date(), _ body: (PortvaktServices) async throws -> T) async throws -> T {
        let services = try await PortvaktServices.open(configuration: configuration, logger: Self.logger, now: now)
        do {
            let result = try await body(services)
            await services.store.close()
            return result
        } catch {
            await services.store.close()
            throw error
        }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }
}

/// Runs `portvakt` with `arguments` in this process, as the shell would.
func runCLI(_ arguments: [String]) async throws {
    var command = try Portvakt.parseAsRoot(arguments)
    if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
    } else {
        try command.run()
    }
}
