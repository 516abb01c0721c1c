import Foundation
import PortvaktCore
import PortvaktServer
import Testing

@Suite struct StartupTests {
    @Test func firstStartCreatesOneActiveKeyPerConfiguredAlgorithmAndARestartKeepsThem() async throws {
        let portvakt = try TestPortvakt(["keys": ["algorithms": ["RS256", "ES256"]]])
        defer { portvakt.remove() }
        let first = try await portvakt.withServices { try await $0.keyManager.keys() }
        #expect(first.map(\.algorithm).sorted { $0.rawValue < $1.rawValue } == [.es256, .rs256])
        #expect(first.allSatisfy { $0.state == .active })
        let second = try await portvakt.withServices { try await $0.keyManager.keys() }
        #expect(second == first)
        let mode = try FileManager.default.attributesOfItem(atPath: portvakt.folder + "/kek")[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func aWrongKEKStopsStartUpWithAClearError() async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        _ = try await portvakt.withServices { _ in }
        var configuration = portvakt.configuration
        configuration.kek = .inline([UInt8](repeating: 9, count: 32))
        let error = await #expect(throws: StartupError.self) {
            _ = try await PortvaktServices.open(configuration: configuration, logger: TestPortvakt.logger)
        }
        #expect(error?.setting == "kek")
        #expect(error?.description.contains("does not open") == true)
    }

    @Test func aMissingKEKFileBesideStoredKeysIsAnErrorNotANewKEK() async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        _ = try await portvakt.withServices { _ in }
        try FileManager.default.removeItem(atPath: portvakt.folder + "/kek")
        let error = await #expect(throws: StartupError.self) {
            _ = try await PortvaktServices.open(configuration: portvakt.configuration, logger: TestPortvakt.logger)
        }
        #expect(error?.setting == "kek")
        #expect(!FileManager.default.fileExists(atPath: portvakt.folder + "/kek"))
    }

    @Test func anUnreachableDatabaseStopsStartUpNamingTheSetting() async throws {
        var configuration = Configuration.defaults
        configuration.database = try DatabaseLocation.parse("postgres://portvakt:secret@127.0.0.1:1/portvakt").get()
        let error = await #expect(throws: StartupError.self) {
            _ = try await PortvaktServices.open(configuration: configuration, logger: TestPortvakt.logger)
        }
        #expect(error?.setting == "database_url")
        #expect(error?.description.contains("cannot connect to postgres://portvakt:***@127.0.0.1:1/portvakt") == true)
        #expect(error?.description.contains("secret") == false)
    }

    @Test func plainHTTPBankIDBesideAnHTTPSIssuerStopsStartUp() async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        var configuration = portvakt.configuration
        configuration.issuer = "https://login.example.se"
        configuration.bankID.service = .url("http://127.0.0.1:9/rp/v6.0/")
        let error = await #expect(throws: StartupError.self) {
            // Should it start after all, its store is closed before the expectation fails.
            let services = try await PortvaktServices.open(configuration: configuration, logger: TestPortvakt.logger)
            await services.store.close()
        }
        #expect(error?.setting == "bankid.url")
        #expect(error?.description.contains("\n") == false)
    }

    @Test func httpsBankIDWithoutAClientCertificateStopsStartUp() async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        var configuration = portvakt.configuration
        configuration.issuer = "https://login.example.se"
        configuration.bankID.service = .url("https://appapi2.test.bankid.com/rp/v6.0/")
        let error = await #expect(throws: StartupError.self) {
            // Should it start after all, its store is closed before the expectation fails.
            let services = try await PortvaktServices.open(configuration: configuration, logger: TestPortvakt.logger)
            await services.store.close()
        }
        #expect(error?.setting == "bankid.client_cert")
    }

    @Test func aDevelopersLoopbackIssuerMayReachAPlainHTTPBankIDWithoutACertificate() async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        var configuration = portvakt.configuration
        configuration.issuer = "http://localhost:8080"
        configuration.listen.host = "127.0.0.1"
        configuration.bankID.service = .url("http://127.0.0.1:9/rp/v6.0/")
        #expect(configuration.isLocalDevelopment)
        let services = try await PortvaktServices.open(configuration: configuration, logger: TestPortvakt.logger)
        await services.store.close()
        #expect(services.bankID?.isSimulated == false)
    }

    @Test func anUnopenableSQLiteFileStopsStartUpNamingTheSetting() async throws {
        var configuration = Configuration.defaults
        configuration.database = .sqlite(path: "/proc/portvakt/cannot/be/here.sqlite")
        let error = await #expect(throws: StartupError.self) {
            _ = try await PortvaktServices.open(configuration: configuration, logger: TestPortvakt.logger)
        }
        #expect(error?.setting == "database_url")
    }
}

@Suite struct ConcurrentStartupTests {
    @Test func nodesStartingAtOnceOnAnEmptyStoreAgreeOnOneKeyPerAlgorithm() async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        let configuration = portvakt.configuration
        let kids = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let services = try await PortvaktServices.open(configuration: configuration, logger: TestPortvakt.logger)
                    let kids = SigningAlgorithm.allCases.compactMap { services.keyRing.signer(for: $0)?.kid }
                    await services.store.close()
                    return kids
                }
            }
            return try await group.reduce(into: [[String]]()) { $0.append($1) }
        }
        #expect(Set(kids).count == 1)
        #expect(kids.first?.count == 3)
    }
}
