import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOPosix
import PortvaktCore
import PortvaktServer
import Testing

/// Connections that stay idle or never finish their request's head are closed: a slow client cannot hold the
/// server's file descriptors (slowloris). The real server, on 127.0.0.1, with no router shortcut.
@Suite struct ConnectionTimeoutTests {
    /// Half of a request head, never finished: the server closes the connection (its idle timeout is 1 s here; the
    /// test waits 10 s for it, however loaded the machine).
    @Test func aHalfSentRequestIsClosedWithinTheTimeout() async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        var configuration = portvakt.configuration
        configuration.listen.host = "127.0.0.1"
        configuration.listen.port = 0
        let services = try await PortvaktServices.open(configuration: configuration, logger: TestPortvakt.logger)
        var options = RouterOptions.standard
        options.idleTimeout = .seconds(1)
        do {
            // The test client's own connection is left idle too, and closed: only the raw connection is used.
            try await buildApplication(services, options: options).test(.live) { client in
                let port = try #require(client.port)
                let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                    .connect(host: "127.0.0.1", port: port).get()
                try await channel.writeAndFlush(ByteBuffer(string: "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")).get()
                // Bounded: closed by the server well within 10 s, or the test fails. Waiting on `closeFuture` cannot
                // be cancelled, so the timer closes the channel itself before it answers: the group always ends.
                let closed = try await withThrowingTaskGroup(of: Bool.self) { group in
                    group.addTask { try await channel.closeFuture.get(); return true }
                    group.addTask {
                        try await Task.sleep(for: .seconds(10))
                        try? await channel.close()
                        return false
                    }
                    let first = try await group.next() ?? false
                    group.cancelAll()
                    return first
                }
                // No bound tighter than the timer's: how soon the server gets to close it is the machine's load.
                #expect(closed, "the server kept the half-sent request open")
            }
        } catch {
            await services.store.close()
            throw error
        }
        await services.store.close()
    }
}
