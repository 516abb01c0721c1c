import Foundation
import PortvaktCore
import Testing

@testable import PortvaktStore

/// The clients' version counter: every change to a registration increases it in the change's own transaction,
/// a refused change leaves it alone, and concurrent changes on several nodes each count.
@Suite struct ClientVersionConformanceTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func client(_ id: String) -> ClientRegistration {
        ClientRegistration(id: id, name: id, redirectURIs: ["https://\(id).example.se/cb"], secretDigest: [1], createdAt: t0)
    }

    @Test(arguments: TestBackend.all)
    func everyChangeIncreasesTheVersionAndARefusedOneDoesNot(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                let start = try await store.clientsVersion()
                #expect(try await store.clientList() == ClientList(version: start, clients: []))

                try await store.createClient(client("portal"))
                let added = try await store.clientsVersion()
                #expect(added > start)
                await #expect(throws: StoreError.self) { try await store.createClient(client("portal")) }
                #expect(try await store.clientsVersion() == added, "a refused registration changes nothing")

                #expect(try await store.updateClientSecret(id: "portal", digest: [2]))
                let rotated = try await store.clientsVersion()
                #expect(rotated > added)
                #expect(try await store.updateClientSecret(id: "nobody", digest: [2]) == false)
                #expect(try await store.clientsVersion() == rotated, "no client, no change")

                let list = try await store.clientList()
                #expect(list.version == rotated && list.clients.map(\.id) == ["portal"] && list.clients[0].secretDigest == [2])

                #expect(try await store.removeClient(id: "portal"))
                let removed = try await store.clientsVersion()
                #expect(removed > rotated)
                #expect(try await store.removeClient(id: "portal") == false)
                #expect(try await store.clientsVersion() == removed)
                #expect(try await store.clientList() == ClientList(version: removed, clients: []))
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func concurrentChangesOnSeveralNodesEachCount(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            let start = try await database.withStore { try await $0.clientsVersion() }
            try await database.withStores(4) { stores in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<8 {
                        let store = stores[index % 4]
                        group.addTask {
                            try await store.createClient(self.client("c\(index)"))
                            _ = try await store.updateClientSecret(id: "c\(index)", digest: [UInt8(index)])
                        }
                    }
                    try await group.waitForAll()
                }
            }
            try await database.withStore { (store: SQLStore) async throws -> Void in
                #expect(try await store.clientsVersion() == start + 16, "8 registrations and 8 new secrets, none lost")
                #expect(try await store.clientList().clients.count == 8)
            }
        }
    }
}
