import Foundation
import HTTPTypes
import PortvaktCore
import PortvaktServer
import Testing

/// Anonymous authorization requests are kept for their login only within a budget per browser and per address.
@Suite struct PendingRequestLimitTests {
    @Test func oneBrowserMayNotFillTheStoreWithWaitingRequests() async throws {
        try await OIDCHarness.run { h in
            for index in 0..<(Limits.pendingRequestsPerBrowser.budget ?? 0) {
                let answer = try await h.authorize(["state": "s\(index)"], cookie: nil)
                #expect(answer.location?.hasPrefix(PendingRoutes.login + "?request=") == true)
            }
            let refused = try await h.authorize([:], cookie: nil)
            #expect(refused.status == .tooManyRequests && refused.body.contains("Försök igen senare"))
            // Another browser (no cookie) from the same address is not held up by this one's count.
            h.jar.clear()
            #expect(try await h.authorize([:], cookie: nil).location?.hasPrefix(PendingRoutes.login + "?request=") == true)
            // A logged-in browser with remembered consent keeps nothing, so it is never limited.
            let cookie = try await h.login()
            #expect(try await h.authorize([:], cookie: cookie).redirectParameters["code"] != nil)
        }
    }
}
