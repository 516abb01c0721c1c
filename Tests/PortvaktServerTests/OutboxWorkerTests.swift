import Foundation
import Logging
import PortvaktCore
import PortvaktStore
import Synchronization
import Testing

@testable import PortvaktServer

/// A mail server that is down until told otherwise.
final class FlakyMailer: Mailer {
    let up = Mutex(false)
    let delivered = Mutex<[String]>([])

    func deliver(_ message: MailMessage, encoded: String, id: String) async throws {
        guard up.withLock({ $0 }) else { throw CocoaError(.fileWriteUnknown) }
        delivered.withLock { $0.append(encoded) }
    }
}

@Suite struct OutboxWorkerTests {
    @Test func aMailQueuedWhileTheServerIsDownIsDeliveredWhenItComesBack() async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        try await portvakt.withServices { services in
            let mailer = FlakyMailer()
            let worker = OutboxWorker(outbox: services.store, mailer: mailer, messageIDDomain: "localhost", logger: TestPortvakt.logger)
            let now = Date()
            try await services.mailQueue.enqueue(
                to: MailAddress(address: "anna@pantbutiken.se"), subject: "Verifieringskod", text: "Koden är 123456", html: "<p>123456</p>", now: now)
            #expect(await worker.deliverDue(now: now) == 0)
            let retrying = try #require(try await services.store.mailQueue(limit: 5).first)
            #expect(retrying.state == .retrying && retrying.nextAttemptAt > now)
            mailer.up.withLock { $0 = true }
            #expect(await worker.deliverDue(now: now) == 0, "not before its retry time")
            #expect(await worker.deliverDue(now: retrying.nextAttemptAt) == 1)
            #expect(try await services.store.mailQueue(limit: 5).first?.state == .sent)
            let encoded = try #require(mailer.delivered.withLock { $0.first })
            #expect(encoded.contains("Koden =C3=A4r 123456"))
            #expect(encoded.contains("From: Mina sidor <noreply@localhost>\r\n"))
        }
    }

    @Test func theLocalMailboxWritesOwnerOnlyEMLFiles() async throws {
        let folder = NSTemporaryDirectory() + "portvakt-mailbox-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let mailbox = LocalMailbox(directory: folder)
        let message = MailMessage(from: MailAddress(address: "noreply@localhost"), to: MailAddress(address: "anna@example.se"),
                                  subject: "Hej", text: "x", html: "<p>x</p>")
        try await mailbox.deliver(message, encoded: "Subject: Hej\r\n\r\nx", id: "abc")
        let files = mailbox.messages()
        #expect(files.count == 1 && files[0].hasSuffix("-abc.eml"))
        let mode = try FileManager.default.attributesOfItem(atPath: folder + "/" + files[0])[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let summary = folder + "/" + files[0].replacingOccurrences(of: ".eml", with: ".json")
        #expect(try FileManager.default.attributesOfItem(atPath: summary)[.posixPermissions] as? Int == 0o600)
        #expect(mailbox.recent(limit: 5).map(\.subject) == ["Hej"] && mailbox.recent(limit: 5).first?.text == "x")
    }

    @Test func retriesBackOffUpToAnHour() {
        let now = Date(timeIntervalSince1970: 0)
        #expect(OutboxSchedule.nextAttempt(afterAttempts: 1, now: now) == now.addingTimeInterval(30))
        #expect(OutboxSchedule.nextAttempt(afterAttempts: 3, now: now) == now.addingTimeInterval(120))
        #expect(OutboxSchedule.nextAttempt(afterAttempts: 50, now: now) == now.addingTimeInterval(3600))
    }
}
