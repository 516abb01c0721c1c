import Foundation
import PortvaktBankID
import PortvaktCore

/// How this Portvakt reaches BankID: the RP API client, and the simulator when it is the embedded one.
public struct BankIDSetup: Sendable {
    public var service: any BankIDService
    /// The embedded simulator, served under `/bankid-simulator/`.
    public var simulator: BankIDSimulator?

    public init(service: any BankIDService, simulator: BankIDSimulator?) {
        self.service = service
        self.simulator = simulator
    }

    public static let simulatorPrefix = "/bankid-simulator"

    /// The link that starts the app on this device: the simulated app's page, or BankID's own. On a phone that
    /// is the universal link; iOS Safari comes back to `returnURL`, Android and desktops to where they were.
    public func autostartLink(_ token: String, userAgent: String?, returnURL: String) -> String {
        if simulator != nil { return "\(Self.simulatorPrefix)/app?autostarttoken=\(token)" }
        let agent = userAgent ?? ""
        if agent.contains("iPhone") || agent.contains("iPad") {
            let encoded = returnURL.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "null"
            return "https://app.bankid.com/?autostarttoken=\(token)&redirect=\(encoded)"
        }
        if agent.contains("Android") { return "https://app.bankid.com/?autostarttoken=\(token)&redirect=null" }
        return "bankid:///?autostarttoken=\(token)&redirect=null"
    }

    /// The setup `configuration` asks for, or nil when BankID is off.
    /// - Throws: `StartupError` naming the setting that is wrong.
    static func open(_ configuration: Configuration) throws -> BankIDSetup? {
        switch configuration.bankID.service {
        case nil:
            return nil
        case .simulator:
            // Anyone who reaches the simulator can log in as its test identities: a developer's machine only.
            guard configuration.isLocalDevelopment else {
                throw StartupError(
                    setting: "bankid.url",
                    message: "the BankID simulator runs only with a plain-http issuer and listener on loopback; set the real service's URL, or empty to turn BankID off")
            }
            let identities: [BankIDTestIdentity]
            do {
                identities = try BankIDSimulator.loadIdentities(file: configuration.bankID.identitiesFile, today: Date())
            } catch {
                throw StartupError(setting: "bankid.identities_file", message: "cannot read the test identities: \(error)")
            }
            // The client speaks HTTP to the simulator on this node's own listener, as it would to BankID.
            var host = configuration.listen.host
            if ["0.0.0.0", "::", ""].contains(host) { host = "127.0.0.1" }
            if host.contains(":") { host = "[\(host)]" }
            let client = try HTTPBankIDClient(baseURL: "http://\(host):\(configuration.listen.port)\(simulatorPrefix)/rp/v6.0/")
            return BankIDSetup(service: client, simulator: BankIDSimulator(identities: identities))
        case .url(let url):
            do {
                let client = try HTTPBankIDClient(
                    baseURL: url,
                    tls: .init(
                        certificateFile: configuration.bankID.clientCertificateFile, keyFile: configuration.bankID.clientKeyFile,
                        caFile: configuration.bankID.caFile))
                return BankIDSetup(service: client, simulator: nil)
            } catch {
                throw StartupError(setting: "bankid.client_cert", message: "cannot load the BankID client certificate or key: \(error)")
            }
        }
    }
}
