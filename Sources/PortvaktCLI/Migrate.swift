import ArgumentParser
import Foundation
import PortvaktStore

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply the database migrations that have not been applied yet (safe to run again).")

    @OptionGroup var options: CommonOptions

    func run() async throws {
        try await reportingErrors {
            let configuration = try options.loadConfiguration()
            let applied = try await withStore(configuration, migrate: false) { try await $0.migrate() }
            if applied.isEmpty {
                print("The database at \(configuration.database) is up to date.")
            }
            for migration in applied {
                print("applied migration \(migration.version): \(migration.name)")
            }
        }
    }
}
