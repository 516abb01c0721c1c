import ArgumentParser
import Foundation
import PortvaktCLI
import PortvaktCore
import PortvaktServer
import Testing

@Suite struct ClientsCLITests {
    @Test func addListShowRotateAndRemoveAClient() async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        let config = ["--config", portvakt.configPath]
        try await runCLI(["clients", "add", "--id", "portal", "--name", "Mina sidor", "--redirect-uri", "https://portal.example.se/cb",
                       "--redirect-uri", "http://127.0.0.1:3000/cb", "--first-party", "--json"] + config)
        try await runCLI(["clients", "list"] + config)
        try await runCLI(["clients", "show", "portal"] + config)
        let stored = try await portvakt.withServices { try await $0.store.client(id: "portal") }
        let client = try #require(stored)
        #expect(client.firstParty && client.redirectURIs.count == 2 && client.authMethod == .clientSecretBasic)
        let digest = try #require(client.secretDigest)
        #expect(digest.count == 32, "only a SHA-256 digest is stored")
        try await runCLI(["clients", "rotate-secret", "portal"] + config)
        let rotated = try await portvakt.withServices { try await $0.store.client(id: "portal")?.secretDigest }
        #expect(rotated != nil && rotated != digest)
        try await runCLI(["clients", "remove", "portal"] + config)
        #expect(try await portvakt.withServices { try await $0.store.client(id: "portal") } == nil)
        let actions = try await portvakt.withServices { try await $0.store.auditEvents(limit: 20, before: nil).map(\.action) }
        #expect(actions.contains("client.registered") && actions.contains("client.secret_rotated") && actions.contains("client.removed"))
    }

    @Test func aClientRequiresPKCEUnlessAddedWithNoPKCE() async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        let config = ["--config", portvakt.configPath]
        try await runCLI(["clients", "add", "--id", "strict", "--name", "S", "--redirect-uri", "https://s.example.se/cb"] + config)
        try await runCLI(["clients", "add", "--id", "legacy", "--name", "L", "--redirect-uri", "https://l.example.se/cb", "--no-pkce"] + config)
        try await runCLI(["clients", "show", "legacy"] + config)
        #expect(try await portvakt.withServices { try await $0.store.client(id: "strict")?.requiresPKCE } == true)
        #expect(try await portvakt.withServices { try await $0.store.client(id: "legacy")?.requiresPKCE } == false)
        try await runCLI(["clients", "add", "--id", "portal", "--name", "P", "--redirect-uri", "https://p.example.se/cb", "--first-party",
                          "--always-refresh-token"] + config)
        #expect(try await portvakt.withServices { try await $0.store.client(id: "portal")?.alwaysRefreshToken } == true)
        await #expect(throws: ExitCode.self, "only for a first-party client") {
            try await runCLI(["clients", "add", "--id", "third", "--name", "T", "--redirect-uri", "https://t.example.se/cb", "--always-refresh-token"] + config)
        }
        await #expect(throws: ExitCode.self) {
            try await runCLI(["clients", "add", "--id", "spa", "--name", "SPA", "--redirect-uri", "http://localhost:5173/cb", "--auth-method", "none", "--no-pkce"] + config)
        }
    }

    @Test func badRegistrationsAreRefusedAndNothingIsStored() async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        let config = ["--config", portvakt.configPath]
        for arguments in [
            ["--id", "a", "--name", "A", "--redirect-uri", "http://portal.example.se/cb"],
            ["--id", "a", "--name", "A", "--redirect-uri", "https://portal.example.se/cb#x"],
            ["--id", "a", "--name", "A", "--redirect-uri", "https://portal.example.se/cb", "--auth-method", "private_key_jwt"],
            ["--id", "a", "--name", "A", "--redirect-uri", "https://portal.example.se/cb", "--auth-method", "none", "--grant", "client_credentials"],
            ["--id", "a b", "--name", "A", "--redirect-uri", "https://portal.example.se/cb"],
        ] {
            await #expect(throws: ExitCode.self, "\(arguments)") { try await runCLI(["clients", "add"] + arguments + config) }
        }
        #expect(throws: (any Error).self) { try Portvakt.parseAsRoot(["clients", "add", "--id", "a", "--name", "A", "--auth-method", "magic"]) }
        #expect(try await portvakt.withServices { try await $0.store.clients() }.isEmpty)
        // A taken id and a public client's secret rotation are refused too.
        try await runCLI(["clients", "add", "--id", "spa", "--name", "SPA", "--redirect-uri", "http://localhost:5173/cb", "--auth-method", "none"] + config)
        await #expect(throws: ExitCode.self) {
            try await runCLI(["clients", "add", "--id", "spa", "--name", "SPA", "--redirect-uri", "http://localhost:5173/cb"] + config)
        }
        await #expect(throws: ExitCode.self) { try await runCLI(["clients", "rotate-secret", "spa"] + config) }
        await #expect(throws: ExitCode.self) { try await runCLI(["clients", "remove", "nobody"] + config) }
    }
}
