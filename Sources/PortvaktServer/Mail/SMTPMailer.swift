import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import PortvaktCore

/// Delivers mail to an SMTP server (RFC 5321) over SwiftNIO: STARTTLS when offered (or required), or TLS from
/// the first byte (`smtps`), AUTH PLAIN or LOGIN when credentials are given, dot-stuffed DATA. Every step waits
/// at most two minutes in all.
public struct SMTPMailer: Mailer {
    public let location: SMTPLocation
    /// The name this host gives in EHLO.
    public let heloName: String
    let tlsConfiguration: TLSConfiguration

    public init(location: SMTPLocation, heloName: String, tlsConfiguration: TLSConfiguration = .makeClientConfiguration()) {
        self.location = location
        self.heloName = heloName
        self.tlsConfiguration = tlsConfiguration
    }

    public func deliver(_ message: MailMessage, encoded: String, id: String) async throws {
        let location = self.location
        let context = try NIOSSLContext(configuration: tlsConfiguration)
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: location.host, port: location.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if location.security == .implicitTLS {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: location.tlsServerName))
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        // A server that stops answering is cut off: closing the channel ends the reads below.
        let watchdog = Task {
            try await Task.sleep(for: .seconds(120))
            try await channel.channel.close()
        }
        defer { watchdog.cancel() }
        try await channel.executeThenClose { inbound, outbound in
            var replies = SMTPReplies(chunks: inbound.makeAsyncIterator())
            func send(_ line: String) async throws {
                try await outbound.write(ByteBuffer(string: line + "\r\n"))
            }
            func command(_ line: String, expect codes: Set<Int>) async throws -> [String] {
                try await send(line)
                return try await replies.expect(codes, after: line.hasPrefix("AUTH") ? "AUTH" : line)
            }

            _ = try await replies.expect([220], after: "connect")
            var capabilities = try await command("EHLO \(heloName)", expect: [250])
            var encrypted = location.security == .implicitTLS
            if location.security == .startTLSIfOffered || location.security == .startTLSRequired {
                let offered = capabilities.contains { $0.uppercased().hasPrefix("STARTTLS") }
                if offered {
                    _ = try await command("STARTTLS", expect: [220])
                    try await channel.channel.pipeline.addHandler(
                        try NIOSSLClientHandler(context: context, serverHostname: location.tlsServerName), position: .first)
                    capabilities = try await command("EHLO \(heloName)", expect: [250])
                    encrypted = true
                } else if location.security == .startTLSRequired {
                    throw SMTPError("the server does not offer STARTTLS, and smtp_url requires it (?starttls=none for a local relay)")
                }
            }
            if let username = location.username {
                // The password (and then the codes in the mail) never go in the clear.
                guard encrypted else { throw SMTPError("the connection is not encrypted, and AUTH is never sent in the clear") }
                let mechanisms = capabilities.first { $0.uppercased().hasPrefix("AUTH") }?.uppercased() ?? ""
                let password = location.password ?? ""
                if mechanisms.contains("PLAIN") {
                    let token = Data("\0\(username)\0\(password)".utf8).base64EncodedString()
                    _ = try await command("AUTH PLAIN \(token)", expect: [235])
                } else if mechanisms.contains("LOGIN") {
                    _ = try await command("AUTH LOGIN", expect: [334])
                    _ = try await command(Data(username.utf8).base64EncodedString(), expect: [334])
                    _ = try await command(Data(password.utf8).base64EncodedString(), expect: [235])
                } else {
                    throw SMTPError("the server offers neither AUTH PLAIN nor AUTH LOGIN")
                }
            }
            _ = try await command("MAIL FROM:<\(message.from.address)>", expect: [250])
            _ = try await command("RCPT TO:<\(message.to.address)>", expect: [250, 251])
            _ = try await command("DATA", expect: [354])
            // Dot-stuffing (RFC 5321 §4.5.2), then the lone dot.
            let body = encoded.components(separatedBy: "\r\n").map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n")
            try await outbound.write(ByteBuffer(string: body + (body.hasSuffix("\r\n") ? "" : "\r\n") + ".\r\n"))
            _ = try await replies.expect([250], after: "DATA")
            _ = try? await command("QUIT", expect: [221])
        }
    }
}

extension SMTPLocation {
    /// The name for SNI and certificate checks. An IP address is not a valid SNI name: without one, NIOSSL checks
    /// the certificate against the address it connected to (an IP subjectAltName).
    var tlsServerName: String? {
        (try? SocketAddress(ipAddress: host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port: 0)) == nil ? host : nil
    }
}
