import ArgumentParser
import Foundation
import Hummingbird
import NIOCore
import PortvaktServer

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the server: applies migrations, creates missing signing keys, and serves until SIGTERM.")

    @OptionGroup var options: CommonOptions

    func run() async throws {
        try await reportingErrors {
            let configuration = try options.loadConfiguration()
            let logger = LogSetup.logger(level: configuration.logLevel)
            let services = try await PortvaktServices.open(configuration: configuration, logger: logger)
            let routerOptions: PortvaktServer.RouterOptions<RemoteClientKeys>
            do {
                routerOptions = try EmbeddedBankIDSimulator.routerOptions(services, today: Date())
            } catch {
                await services.store.close()
                throw error
            }
            logger.info("Portvakt \(configuration.issuer) on \(configuration.listen), store \(configuration.database)")
            do {
                try await buildApplication(services, options: routerOptions).runService()
            } catch let error as IOError {
                await services.store.close()
                throw StartupError(setting: "listen", message: "cannot listen on \(configuration.listen): \(error.description)")
            } catch {
                await services.store.close()
                throw error
            }
            await services.store.close()
            logger.info("Portvakt stopped")
        }
    }
}
