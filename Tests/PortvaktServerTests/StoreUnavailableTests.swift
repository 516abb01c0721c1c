import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortvaktCore
import PortvaktServer
import PortvaktStore
import Testing

/// An unreachable store answers 503 with `Retry-After`, in the form its caller reads: OAuth's
/// `temporarily_unavailable` as JSON for machines, a page with a way on for browsers. (The e2e stops a real
/// PostgreSQL under load: scripts/e2e/outage.py.)
@Suite struct StoreUnavailableTests {
    private static func withApplication(
        _ settings: [String: Any] = [:], _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let portvakt = try TestPortvakt(settings)
        defer { portvakt.remove() }
        try await portvakt.withServices { services in
            var options = RouterOptions.standard
            options.extraRoutes = [{ router in
                let fail: @Sendable (Request, PortvaktRequestContext) async throws -> Response = { _, _ in
                    throw StoreError.unavailable("connection refused")
                }
                router.get("/outage", use: fail)
                router.post("/outage", use: fail)
                router.get("/api/v1/outage", use: fail)
            }]
            try await buildApplication(services, options: options).test(.router, body)
        }
    }

    @Test func machinesGetTemporarilyUnavailableJSON() async throws {
        try await Self.withApplication { client in
            for path in ["/outage", "/api/v1/outage"] {
                try await client.execute(uri: path, method: .get, headers: [.accept: "application/json"]) { response in
                    #expect(response.status == .serviceUnavailable, "\(path)")
                    #expect(response.headers[.retryAfter] == "5")
                    #expect(response.headers[.contentType] == "application/json")
                    #expect(response.headers[.cacheControl] == "no-store")
                    let json = try JSONDecoder().decode([String: String].self, from: Data(buffer: response.body))
                    #expect(json["error"] == "temporarily_unavailable")
                    #expect(json["error_description"]?.contains("connection refused") == false, "no internals")
                }
            }
            // The API reads JSON even when a browser asks.
            try await client.execute(uri: "/api/v1/outage", method: .get, headers: [.accept: "text/html"]) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.contentType] == "application/json")
            }
        }
    }

    @Test func browsersGetAPageThatOffersToTryAgain() async throws {
        try await Self.withApplication { client in
            let html: HTTPFields = [.accept: "text/html,application/xhtml+xml", .acceptLanguage: "sv-SE,sv;q=0.9"]
            try await client.execute(uri: "/outage?x=1", method: .get, headers: html) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "5")
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                let page = String(buffer: response.body)
                #expect(page.contains("Tjänsten är tillfälligt otillgänglig"))
                #expect(page.contains(#"href="/outage?x=1""#), "a GET is offered again as it was")
            }
            var english = html
            english[.acceptLanguage] = "en"
            try await client.execute(uri: "/outage", method: .post, headers: english) { response in
                #expect(response.status == .serviceUnavailable)
                let page = String(buffer: response.body)
                #expect(page.contains("temporarily unavailable"))
                #expect(page.contains(#"href="\#(PendingRoutes.login)"#), "a form starts again from the login page")
            }
        }
    }

    @Test func theTryAgainPageShowsTheConfiguredServiceAndSupportLink() async throws {
        try await Self.withApplication(ThemeTests.themed) { client in
            try await client.execute(uri: "/outage", method: .get, headers: [.accept: "text/html", .acceptLanguage: "sv"]) { response in
                #expect(response.status == .serviceUnavailable && response.headers[.retryAfter] == "5")
                let page = String(buffer: response.body)
                #expect(page.contains("Försök igen") && page.contains("Kundportalen") && page.contains("Returpack"), "\(page)")
                #expect(page.contains(#"href="https://returpack.example/kontakt""#) && !page.contains("Mina sidor"))
            }
        }
    }
}
