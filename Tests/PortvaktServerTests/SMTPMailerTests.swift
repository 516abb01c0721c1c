import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import PortvaktCore
import Synchronization
import Testing

@testable import PortvaktServer

/// A scripted SMTP server on 127.0.0.1 for one connection: it records what the client says and answers like a
/// real server (EHLO capabilities, AUTH, DATA until the lone dot); with `tls`, TLS from the first byte (smtps).
final class FakeSMTPServer: Sendable {
    let transcript = Mutex<[String]>([])
    let data = Mutex<String>("")
    let capabilities: [String]
    let acceptedAuth: String?
    let tls: TestCertificates?

    init(capabilities: [String], acceptedAuth: String? = nil, tls: TestCertificates? = nil) {
        self.capabilities = capabilities
        self.acceptedAuth = acceptedAuth
        self.tls = tls
    }

    /// Serves one session, returns the port it listens on.
    func start() async throws -> (port: Int, done: Task<Void, any Error>) {
        let context = try tls.map { certificates in
            try NIOSSLContext(configuration: .makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMFile(certificates.serverCertificateFile).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(file: certificates.serverKeyFile, format: .pem))))
        }
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let context { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context)) }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let port = server.channel.localAddress!.port!
        let done = Task {
            try await server.executeThenClose { connections in
                for try await connection in connections {
                    try await self.serve(connection)
                    return
                }
            }
        }
        return (port, done)
    }

    private func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async throws {
        try await connection.executeThenClose { inbound, outbound in
            func say(_ text: String) async throws { try await outbound.write(ByteBuffer(string: text + "\r\n")) }
            try await say("220 fake.example ESMTP")
            var pending = ""
            var inData = false
            for try await chunk in inbound {
                pending += String(buffer: chunk)
                while let range = pending.range(of: "\r\n") {
                    let line = String(pending[..<range.lowerBound])
                    pending = String(pending[range.upperBound...])
                    if inData {
                        if line == "." {
                            inData = false
                            try await say("250 queued")
                        } else {
                            data.withLock { $0 += line + "\r\n" }
                        }
                        continue
                    }
                    transcript.withLock { $0.append(line) }
                    switch line.split(separator: " ").first.map(String.init)?.uppercased() ?? "" {
                    case "EHLO":
                        let lines = ["fake.example"] + capabilities
                        for (index, text) in lines.enumerated() {
                            try await say("250\(index == lines.count - 1 ? " " : "-")\(text)")
                        }
                    case "AUTH":
                        try await say(line == acceptedAuth ? "235 ok" : "535 no")
                    case "MAIL", "RCPT": try await say("250 ok")
                    case "DATA":
                        inData = true
                        try await say("354 go ahead")
                    case "QUIT":
                        try? await say("221 bye")
                        return
                    default: try await say("502 unknown")
                    }
                }
            }
        }
    }
}

@Suite struct SMTPMailerTests {
    let message = MailMessage(
        from: MailAddress(name: "Mina sidor", address: "noreply@pant.example.se"), to: MailAddress(address: "anna@pantbutiken.se"),
        subject: "Verifieringskod", text: "Koden är 123456\n.hidden line", html: "<p>123456</p>")

    func encoded() -> String {
        MIMEEncoder.encode(message, date: Date(), messageID: "m1@pant.example.se", boundary: "b1")
    }

    /// A mailer for `url` that trusts the test CA.
    func trustingMailer(_ url: String, certificates: TestCertificates) throws -> SMTPMailer {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .file(certificates.caFile)
        return SMTPMailer(location: try SMTPLocation.parse(url).get(), heloName: "portvakt.test", tlsConfiguration: tls)
    }

    @Test func aMailIsDeliveredWithAuthPlainOverTLSAndDotStuffing() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let token = Data("\0pv\0s3cret".utf8).base64EncodedString()
        let server = FakeSMTPServer(capabilities: ["AUTH PLAIN LOGIN", "8BITMIME"], acceptedAuth: "AUTH PLAIN \(token)", tls: certificates)
        let (port, done) = try await server.start()
        try await trustingMailer("smtps://pv:s3cret@127.0.0.1:\(port)", certificates: certificates).deliver(message, encoded: encoded(), id: "m1")
        try await done.value
        let said = server.transcript.withLock { $0 }
        #expect(said.first == "EHLO portvakt.test")
        #expect(said.contains("AUTH PLAIN \(token)"))
        #expect(said.contains("MAIL FROM:<noreply@pant.example.se>") && said.contains("RCPT TO:<anna@pantbutiken.se>"))
        let body = server.data.withLock { $0 }
        #expect(body.contains("Message-ID: <m1@pant.example.se>"))
        #expect(body.contains("\r\n..hidden line"), "a line starting with a dot is dot-stuffed")
    }

    @Test func aRefusedLoginIsAnErrorTheOutboxRetries() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let server = FakeSMTPServer(capabilities: ["AUTH PLAIN"], acceptedAuth: "never", tls: certificates)
        let (port, done) = try await server.start()
        let mailer = try trustingMailer("smtps://pv:wrong@127.0.0.1:\(port)", certificates: certificates)
        await #expect(throws: SMTPError.self) { try await mailer.deliver(message, encoded: encoded(), id: "m1") }
        done.cancel()
    }

    /// A loopback server that offers no STARTTLS may take mail in the clear, but never the password: AUTH is not
    /// sent and the delivery fails, for the outbox to retry.
    @Test func credentialsAreNeverSentInTheClear() async throws {
        let server = FakeSMTPServer(capabilities: ["AUTH PLAIN LOGIN", "8BITMIME"], acceptedAuth: "AUTH PLAIN \(Data("\0pv\0s3cret".utf8).base64EncodedString())")
        let (port, done) = try await server.start()
        let mailer = SMTPMailer(location: try SMTPLocation.parse("smtp://pv:s3cret@127.0.0.1:\(port)").get(), heloName: "portvakt.test")
        let error = await #expect(throws: SMTPError.self) { try await mailer.deliver(message, encoded: encoded(), id: "m1") }
        #expect(error?.description.contains("AUTH") == true)
        let said = server.transcript.withLock { $0 }
        #expect(!said.contains { $0.uppercased().hasPrefix("AUTH") || $0.hasPrefix("MAIL") }, "\(said)")
        done.cancel()
    }

    @Test func aLoopbackRelayWithoutTLSTakesMailWithoutCredentials() async throws {
        let server = FakeSMTPServer(capabilities: ["8BITMIME"])
        let (port, done) = try await server.start()
        for url in ["smtp://127.0.0.1:\(port)"] {
            try await SMTPMailer(location: try SMTPLocation.parse(url).get(), heloName: "portvakt.test").deliver(message, encoded: encoded(), id: "m1")
        }
        try await done.value
        #expect(server.data.withLock { $0 }.contains("\r\n..hidden line"))
    }

    @Test func requiredSTARTTLSIsNotSkippedWhenTheServerLacksIt() async throws {
        let server = FakeSMTPServer(capabilities: ["8BITMIME"])
        let (port, done) = try await server.start()
        let mailer = SMTPMailer(location: try SMTPLocation.parse("smtp://127.0.0.1:\(port)?starttls=required").get(), heloName: "portvakt.test")
        let error = await #expect(throws: SMTPError.self) { try await mailer.deliver(message, encoded: encoded(), id: "m1") }
        #expect(error?.description.contains("STARTTLS") == true)
        #expect(server.transcript.withLock { $0 }.contains { $0.hasPrefix("MAIL") } == false, "nothing was sent in the clear")
        done.cancel()
    }

    @Test func smtpURLsAreParsed() throws {
        #expect(try SMTPLocation.parse("smtp://mail.example.se").get() == .init(host: "mail.example.se", port: 587, security: .startTLSRequired))
        for loopback in ["localhost", "127.0.0.1", "127.1.2.3", "[::1]"] {
            #expect(try SMTPLocation.parse("smtp://\(loopback):25").get().security == .startTLSIfOffered, "\(loopback)")
        }
        for remote in ["127.0.0.1.example.se", "localhost.example.se", "10.0.0.1", "[::2]"] {
            #expect(try SMTPLocation.parse("smtp://\(remote):25").get().security == .startTLSRequired, "\(remote)")
        }
        #expect(try SMTPLocation.parse("smtp://relay.internal:25?starttls=none").get().security == SMTPLocation.Security.none)
        #expect((try? SMTPLocation.parse("smtp://u:p@relay.internal:25?starttls=none").get()) == nil, "credentials need TLS")
        #expect((try? SMTPLocation.parse("smtp://relay.internal:25?starttls=maybe").get()) == nil)
        #expect(try SMTPLocation.parse("smtps://u:p%40ss@mail.example.se:2465").get()
            == .init(host: "mail.example.se", port: 2465, security: .implicitTLS, username: "u", password: "p@ss"))
        #expect(try SMTPLocation.parse("smtp://mail.example.se:25?starttls=required").get().security == .startTLSRequired)
        #expect((try? SMTPLocation.parse("http://mail.example.se").get()) == nil)
        #expect((try? SMTPLocation.parse("smtps://mail.example.se?starttls=required").get()) == nil)
        #expect(!SMTPLocation(host: "h", port: 1, security: .implicitTLS, username: "u", password: "secret").description.contains("secret"))
    }
}
