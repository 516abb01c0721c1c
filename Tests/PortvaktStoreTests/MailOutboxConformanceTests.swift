import Foundation
import PortvaktCore
import Testing

@testable import PortvaktStore

@Suite struct MailOutboxConformanceTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func message(_ to: String) -> MailMessage {
        MailMessage(from: MailAddress(name: "Mina sidor", address: "noreply@example.se"), to: MailAddress(address: to),
                    subject: "Din kod", text: "Koden är 123456", html: "<p>Koden är 123456</p>")
    }

    @Test(arguments: TestBackend.all)
    func aQueuedMailIsClaimedLeasedRetriedAndMarkedSent(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                try await store.enqueueMail(id: "m1", message: message("anna@example.se"), now: t0)
                #expect(try await store.mailQueue(limit: 10).map(\.state) == [.queued])
                let claimed = try await store.claimDueMail(now: t0, lease: 120, limit: 10)
                #expect(claimed.map(\.id) == ["m1"] && claimed.first?.attempts == 1)
                #expect(claimed.first?.message == message("anna@example.se"))
                #expect(try await store.claimDueMail(now: t0.addingTimeInterval(60), lease: 120, limit: 10).isEmpty, "leased")
                try await store.markMailFailed(id: "m1", error: "connection refused", retryAt: t0.addingTimeInterval(30))
                #expect(try await store.mailQueue(limit: 10).first?.state == .retrying)
                let again = try await store.claimDueMail(now: t0.addingTimeInterval(30), lease: 120, limit: 10)
                #expect(again.first?.attempts == 2)
                try await store.markMailSent(id: "m1", at: t0.addingTimeInterval(31))
                let sent = try #require(try await store.mailQueue(limit: 10).first)
                #expect(sent.state == .sent)
                #expect(sent.message.text.isEmpty && sent.message.html.isEmpty, "a sent mail's code is not kept")
                #expect(sent.message.subject == "Din kod" && sent.message.to.address == "anna@example.se", "who and what stay")
                #expect(try await store.claimDueMail(now: t0.addingTimeInterval(10_000), lease: 120, limit: 10).isEmpty)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func nodesClaimingAtOnceGetEachMailOnce(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                for index in 0..<12 { try await store.enqueueMail(id: "m\(index)", message: message("u\(index)@example.se"), now: t0) }
            }
            // Rounds of four nodes claiming at once: a mail is never claimed twice, and all are claimed in the end.
            let claimed = try await database.withStores(4) { stores in
                var all: [String] = []
                for _ in 0..<6 {
                    all += try await withThrowingTaskGroup(of: [String].self) { group in
                        for store in stores { group.addTask { try await store.claimDueMail(now: self.t0, lease: 120, limit: 5).map(\.id) } }
                        return try await group.reduce(into: [String]()) { $0 += $1 }
                    }
                }
                return all
            }
            #expect(claimed.count == Set(claimed).count, "no mail was claimed twice")
            #expect(Set(claimed).count == 12)
        }
    }

    /// A node shutting down cancels its tasks; a transaction it had begun must still end, or it would hold the
    /// write lock and every other process would wait on it for good.
    @Test(arguments: TestBackend.all)
    func aCancelledCallerNeverLeavesATransactionOpen(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStores(2) { stores in
                _ = try await stores[0].migrate()
                for index in 0..<20 {
                    let task = Task { try await stores[0].claimDueMail(now: self.t0, lease: 60, limit: 5) }
                    if index % 2 == 0 { await Task.yield() }
                    task.cancel()
                    _ = await task.result
                }
                // Both connections can still write at once.
                try await stores[1].enqueueMail(id: "after", message: message("a@example.se"), now: t0)
                try await stores[0].enqueueMail(id: "after-2", message: message("b@example.se"), now: t0)
                #expect(try await stores[1].mailQueue(limit: 5).count == 2)
            }
        }
    }
}
