import Foundation
import Hummingbird
import HummingbirdTLS
import Logging
import NIOSSL
import PortvaktCore

/// The simulator on its own listener (`portvakt bankid-simulator`): the RP API at `/rp/v6.0/`, the app at
/// `/app`. With a certificate it serves HTTPS, and with a client CA it requires the RP's client certificate,
/// as the real service does (mutual TLS).
public enum SimulatorServer {
    public struct TLS: Sendable {
        public var certificateFile: String
        public var keyFile: String
        /// Clients must present a certificate signed by this CA.
        public var clientCAFile: String?

        public init(certificateFile: String, keyFile: String, clientCAFile: String?) {
            self.certificateFile = certificateFile
            self.keyFile = keyFile
            self.clientCAFile = clientCAFile
        }
    }

    public static func application(
        simulator: BankIDSimulator, host: String, port: Int, tls: TLS?, logger: Logger
    ) throws -> some ApplicationProtocol {
        let router = Router()
        // On a loopback listener this is a developer's machine: answer only loopback names (DNS rebinding). On
        // any other listener the operator has chosen to share it, under the name they give it.
        SimulatorRoutes(simulator: simulator, prefix: "", loopbackOnly: LoopbackName.matches(host)).addRoutes(to: router)
        let configuration = ApplicationConfiguration(address: .hostname(host, port: port), serverName: "BankID simulator")
        guard let tls else {
            return Application(router: router, server: .http1(), configuration: configuration, logger: logger)
        }
        var tlsConfiguration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(tls.certificateFile).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: tls.keyFile, format: .pem)))
        tlsConfiguration.minimumTLSVersion = .tlsv12
        if let clientCAFile = tls.clientCAFile {
            tlsConfiguration.certificateVerification = .noHostnameVerification
            tlsConfiguration.trustRoots = .file(clientCAFile)
        }
        return Application(router: router, server: try .tls(.http1(), tlsConfiguration: tlsConfiguration), configuration: configuration, logger: logger)
    }
}
