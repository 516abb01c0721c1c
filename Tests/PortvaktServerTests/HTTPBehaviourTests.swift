import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortvaktCore
import PortvaktCrypto
import PortvaktServer
import Testing

@Suite struct HTTPBehaviourTests {
    @Test func unknownRoutesGive404JSON() async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        try await portvakt.withServices { services in
            try await buildApplication(services).test(.router) { client in
                try await client.execute(uri: "/no/such/thing", method: .get) { response in
                    #expect(response.status == .notFound)
                    #expect(response.headers[.contentType] == "application/json")
                    let json = try JSONDecoder().decode([String: String].self, from: Data(buffer: response.body))
                    #expect(json["error"] == "not_found")
                }
            }
        }
    }

    @Test(arguments: ["/no/such/thing", Endpoints.jwks, Endpoints.discovery, Endpoints.health])
    func everyResponseCarriesSecurityHeaders(_ path: String) async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        try await portvakt.withServices { services in
            try await buildApplication(services).test(.router) { client in
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                    #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
                    #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
                    #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                    #expect(response.headers[.strictTransportSecurity] == nil, "no HSTS on an http issuer")
                }
            }
        }
    }

    @Test func anHTTPSIssuerAddsHSTS() async throws {
        let portvakt = try TestPortvakt(["issuer": "https://login.example.se"])
        defer { portvakt.remove() }
        try await portvakt.withServices { services in
            try await buildApplication(services).test(.router) { client in
                try await client.execute(uri: Endpoints.health, method: .get) { response in
                    #expect(response.headers[.strictTransportSecurity]?.hasPrefix("max-age=") == true)
                }
            }
        }
    }

    @Test func healthzAndReadyzAnswerWhenTheStoreAndKeysAreThere() async throws {
        // A refresh interval long enough that a machine busy with other tests does not see the ring as stale.
        let portvakt = try TestPortvakt(["keys": ["refresh_interval": 600]])
        defer { portvakt.remove() }
        try await portvakt.withServices { services in
            try await buildApplication(services).test(.router) { client in
                try await client.execute(uri: Endpoints.health, method: .get) { #expect($0.status == .ok) }
                try await client.execute(uri: Endpoints.ready, method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.cacheControl] == "no-store")
                }
            }
        }
    }

    /// A forwarded request while no proxy is trusted: the setting looks wrong, and /readyz says so (issue 21).
    @Test func readyzWarnsWhenRequestsAreForwardedButNoProxyIsTrusted() async throws {
        let portvakt = try TestPortvakt(["keys": ["refresh_interval": 600]])
        defer { portvakt.remove() }
        try await portvakt.withServices { services in
            try await buildApplication(services).test(.router) { client in
                try await client.execute(uri: Endpoints.ready, method: .get) { response in
                    #expect(response.status == .ok && !String(buffer: response.body).contains("warnings"))
                }
                try await client.execute(uri: Endpoints.health, method: .get, headers: [HTTPField.Name("X-Forwarded-For")!: "203.0.113.7"]) {
                    #expect($0.status == .ok)
                }
                try await client.execute(uri: Endpoints.ready, method: .get) { response in
                    let body = String(buffer: response.body)
                    #expect(response.status == .ok && body.contains(#""status":"ready""#) && body.contains("trusted_proxies is empty"), "\(body)")
                }
            }
        }
        let trusting = try TestPortvakt(["keys": ["refresh_interval": 600], "trusted_proxies": "127.0.0.1"])
        defer { trusting.remove() }
        try await trusting.withServices { services in
            try await buildApplication(services).test(.router) { client in
                try await client.execute(uri: Endpoints.health, method: .get, headers: [HTTPField.Name("X-Forwarded-For")!: "203.0.113.7"]) { _ in }
                try await client.execute(uri: Endpoints.ready, method: .get) { #expect(!String(buffer: $0.body).contains("warnings")) }
            }
        }
    }

    @Test func readyzIsUnavailableUntilKeysAreLoaded() async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        try await portvakt.withServices { opened in
            // The same store, but a key ring that has not been loaded yet.
            let fresh = PortvaktServices(
                configuration: opened.configuration, store: opened.store,
                sealer: try KeySealer(kek: KeyEncryptionKey.load(opened.configuration.kek, createIfMissing: false)),
                logger: TestPortvakt.logger)
            try await buildApplication(fresh).test(.router) { client in
                try await client.execute(uri: Endpoints.ready, method: .get) { response in
                    #expect(response.status == .serviceUnavailable)
                    #expect(String(buffer: response.body).contains("signing keys are not loaded"))
                }
                try await client.execute(uri: Endpoints.health, method: .get) { #expect($0.status == .ok) }
            }
        }
    }
}
