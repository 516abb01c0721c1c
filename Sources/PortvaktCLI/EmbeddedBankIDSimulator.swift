import Foundation
import PortvaktBankIDSimulator
import PortvaktServer

/// The BankID simulator inside `portvakt serve`, on a developer's machine (`bankid.url = "simulator"`, which
/// `BankIDSetup` allows only there): its routes under `/bankid-simulator`, where the server's RP API client
/// calls it over HTTP as it would call BankID. The server itself never imports the simulator.
enum EmbeddedBankIDSimulator {
    /// The router options of `serve`: the standard ones, with the simulator's routes when BankID is simulated.
    /// - Throws: `StartupError` when the test identities cannot be read.
    static func routerOptions(_ services: PortvaktServices, today: Date) throws -> PortvaktServer.RouterOptions<RemoteClientKeys> {
        var options = PortvaktServer.RouterOptions.standard
        guard services.bankID?.isSimulated == true else { return options }
        let identities: [BankIDTestIdentity]
        do {
            identities = try BankIDSimulator.loadIdentities(file: services.configuration.bankID.identitiesFile, today: today)
        } catch {
            throw StartupError(setting: "bankid.identities_file", message: "cannot read the test identities: \(error)")
        }
        let routes = SimulatorRoutes(simulator: BankIDSimulator(identities: identities), prefix: BankIDSetup.simulatorPrefix, loopbackOnly: true)
        options.extraRoutes.append { router in routes.addRoutes(to: router) }
        return options
    }
}
