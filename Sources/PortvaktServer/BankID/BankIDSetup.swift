import Foundation
import PortvaktBankID
import PortvaktCore

/// How this Portvakt reaches BankID: the RP API client, and whether it is the embedded simulator. The server
/// never imports the simulator: `portvakt serve` mounts it under `simulatorPrefix` (`RouterOptions.extraRoutes`).
public struct BankIDSetup: Sendable {
    public var service: any BankIDService
    /// Whether BankID is the embedded simulator, served under `/bankid-simulator/` (a developer's machine only).
    public var isSimulated: Bool
    /// A same-device completion from another IP address than the browser's: refused, or only audited.
    public var sameDeviceIPCheck: BankIDSameDeviceIPCheck

    public init(service: any BankIDService, isSimulated: Bool, sameDeviceIPCheck: BankIDSameDeviceIPCheck = .refuse) {
        self.service = service
        self.isSimulated = isSimulated
        self.sameDeviceIPCheck = sameDeviceIPCheck
    }

    public static let simulatorPrefix = "/bankid-simulator"

    /// The link that starts the app on this device: the simulated app's page, or BankID's own. On a phone that
    /// is the universal link; iOS Safari comes back to `returnURL`, Android and desktops to where they were.
    /// Whether a browser runs on a phone or tablet, where BankID's guidance puts the same device first; on a
    /// computer the QR code comes first.
    static func isPhone(_ userAgent: String?) -> Bool {
        let agent = userAgent ?? ""
        return ["iPhone", "iPad", "Android", "Mobile"].contains { agent.contains($0) }
    }

    public func autostartLink(_ token: String, userAgent: String?, returnURL: String) -> String {
        if isSimulated { return "\(Self.simulatorPrefix)/app?autostarttoken=\(token)" }
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
            // The client speaks HTTP to the simulator on this node's own listener, as it would to BankID.
            var host = configuration.listen.host
            if ["0.0.0.0", "::", ""].contains(host) { host = "127.0.0.1" }
            if host.contains(":") { host = "[\(host)]" }
            let client = try HTTPBankIDClient(baseURL: "http://\(host):\(configuration.listen.port)\(simulatorPrefix)/rp/v6.0/")
            return BankIDSetup(service: client, isSimulated: true, sameDeviceIPCheck: configuration.bankID.sameDeviceIPCheck)
        case .url(let url):
            // Beside a real issuer BankID is reached only over mutual TLS: plain http to loopback would be a
            // simulator (or anything else) on a production host, and https without the RP certificate cannot
            // be BankID at all. A developer's machine may point at a simulator of its own.
            if !configuration.isLocalDevelopment {
                guard URLComponents(string: url)?.scheme?.lowercased() == "https" else {
                    throw StartupError(
                        setting: "bankid.url",
                        message: "plain http reaches BankID only on a developer's machine (a plain-http issuer and listener on loopback); set the RP API's https URL")
                }
                guard configuration.bankID.clientCertificateFile != nil, configuration.bankID.clientKeyFile != nil else {
                    throw StartupError(
                        setting: "bankid.client_cert",
                        message: "BankID's RP API needs the RP certificate for mutual TLS; set bankid.client_cert and bankid.client_key")
                }
            }
            do {
                let client = try HTTPBankIDClient(
                    baseURL: url,
                    tls: .init(
                        certificateFile: configuration.bankID.clientCertificateFile, keyFile: configuration.bankID.clientKeyFile,
                        caFile: configuration.bankID.caFile))
                return BankIDSetup(service: client, isSimulated: false, sameDeviceIPCheck: configuration.bankID.sameDeviceIPCheck)
            } catch {
                throw StartupError(setting: "bankid.client_cert", message: "cannot load the BankID client certificate or key: \(error)")
            }
        }
    }
}
