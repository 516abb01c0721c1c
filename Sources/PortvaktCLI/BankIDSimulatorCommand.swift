import ArgumentParser
import Foundation
import Hummingbird
import NIOCore
import PortvaktBankID
import PortvaktBankIDSimulator
import PortvaktCore
import PortvaktServer

/// `portvakt bankid-simulator`: the simulated BankID service and app on a listener of their own, optionally
/// with TLS and a client CA (mutual TLS, as the real service requires).
struct BankIDSimulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bankid-simulator",
        abstract: "Run the BankID simulator (RP API v6.0 at /rp/v6.0/, the app at /app) on its own listener.")

    @Option(help: "HOST:PORT to listen on.") var listen = "127.0.0.1:8090"
    @Option(help: "PEM certificate (chain) to serve HTTPS with.") var tlsCert: String?
    @Option(help: "PEM private key of --tls-cert.") var tlsKey: String?
    @Option(help: "PEM CA whose client certificates are required (mutual TLS).") var clientCa: String?
    @Option(help: "The test identities (JSON).") var identities = "conf/bankid-test-identities.json"

    func run() async throws {
        try await reportingErrors {
            guard let address = Configuration.listenAddress(listen) else {
                throw CLIError("--listen: expected HOST:PORT, as in 127.0.0.1:8090")
            }
            guard (tlsCert == nil) == (tlsKey == nil) else { throw CLIError("--tls-cert and --tls-key go together") }
            guard clientCa == nil || tlsCert != nil else { throw CLIError("--client-ca needs --tls-cert and --tls-key") }
            let loaded: [BankIDTestIdentity]
            do {
                loaded = try BankIDSimulator.loadIdentities(file: identities, today: Date())
            } catch {
                throw CLIError("--identities: cannot read \(identities): \(error)")
            }
            let tls = tlsCert.map { SimulatorServer.TLS(certificateFile: $0, keyFile: tlsKey ?? "", clientCAFile: clientCa) }
            let logger = LogSetup.logger(level: "info")
            let made = Result { try SimulatorServer.application(
                simulator: BankIDSimulator(identities: loaded), host: address.host, port: address.port, tls: tls, logger: logger) }
            if case .failure(let error) = made { throw CLIError("--tls-cert/--tls-key/--client-ca: cannot load them: \(error)") }
            guard case .success(let app) = made else { return }
            logger.notice("BankID simulator (\(loaded.count) test identities) on \(tls == nil ? "http" : "https")://\(address)\(clientCa == nil ? "" : ", client certificates required")")
            do {
                try await app.runService()
            } catch let error as IOError {
                throw CLIError("--listen: cannot listen on \(address): \(error.description)")
            }
        }
    }
}
