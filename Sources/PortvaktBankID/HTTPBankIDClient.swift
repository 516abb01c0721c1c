import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL
import PortvaktCore

/// The RP API v6.0 over HTTP(S), with a client certificate for mutual TLS against the real service (or its
/// test environment, or the simulator in mTLS mode). Pointing it elsewhere is configuration: a base URL, a
/// client certificate and key, and the CA that signs the service's certificate.
public final class HTTPBankIDClient: BankIDService {
    public struct TLS: Sendable {
        /// PEM files: the RP's certificate (chain) and its private key.
        public var certificateFile: String?
        public var keyFile: String?
        /// A PEM file of the CA that signs the service's certificate; nil trusts the system's roots.
        public var caFile: String?

        public init(certificateFile: String? = nil, keyFile: String? = nil, caFile: String? = nil) {
            self.certificateFile = certificateFile
            self.keyFile = keyFile
            self.caFile = caFile
        }
    }

    /// The base, ending in `/rp/v6.0/`.
    public let baseURL: String
    private let client: HTTPClient
    private let timeout: TimeAmount = .seconds(10)

    /// - Throws: when a certificate, key or CA file cannot be read.
    public init(baseURL: String, tls: TLS = TLS()) throws {
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        var configuration = HTTPClient.Configuration()
        var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
        tlsConfiguration.minimumTLSVersion = .tlsv12
        if let caFile = tls.caFile { tlsConfiguration.trustRoots = .file(caFile) }
        if let certificateFile = tls.certificateFile, let keyFile = tls.keyFile {
            tlsConfiguration.certificateChain = try NIOSSLCertificate.fromPEMFile(certificateFile).map { .certificate($0) }
            tlsConfiguration.privateKey = .privateKey(try NIOSSLPrivateKey(file: keyFile, format: .pem))
        }
        configuration.tlsConfiguration = tlsConfiguration
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(10))
        configuration.redirectConfiguration = .disallow
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    deinit {
        // Not syncShutdown: the last reference may go on an event-loop thread, where blocking is forbidden.
        client.shutdown { _ in }
    }

    public func auth(_ request: BankIDWire.AuthRequest) async throws(BankIDError) -> BankIDWire.AuthResponse {
        try await call("auth", request, as: BankIDWire.AuthResponse.self)
    }

    public func collect(orderRef: String) async throws(BankIDError) -> BankIDWire.CollectResponse {
        try await call("collect", BankIDWire.OrderRequest(orderRef: orderRef), as: BankIDWire.CollectResponse.self)
    }

    public func cancel(orderRef: String) async throws(BankIDError) {
        _ = try await call("cancel", BankIDWire.OrderRequest(orderRef: orderRef), as: Empty.self)
    }

    private struct Empty: Decodable {}

    private func call<Body: Encodable, Answer: Decodable>(_ endpoint: String, _ body: Body, as: Answer.Type) async throws(BankIDError) -> Answer {
        let status: Int
        let bytes: ByteBuffer
        do {
            var request = HTTPClientRequest(url: baseURL + endpoint)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(body)))
            let response = try await client.execute(request, timeout: timeout)
            status = Int(response.status.code)
            bytes = try await response.body.collect(upTo: 1 << 20)
        } catch {
            throw BankIDError(status: 0, errorCode: "unreachable", details: "\(error)")
        }
        let data = Data(bytes.readableBytesView)
        guard (200..<300).contains(status) else {
            if let body = try? JSONDecoder().decode(BankIDWire.ErrorBody.self, from: data) {
                throw BankIDError(status: status, errorCode: body.errorCode, details: body.details)
            }
            throw BankIDError(status: status, errorCode: "http\(status)", details: String(decoding: data.prefix(200), as: UTF8.self))
        }
        do {
            return try JSONDecoder().decode(Answer.self, from: data)
        } catch {
            throw BankIDError(status: status, errorCode: "invalidResponse", details: "the answer of /\(endpoint) is not what RP API v6 says: \(error)")
        }
    }
}
