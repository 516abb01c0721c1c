import Foundation
import HTTPTypes
import PortvaktCore
import PortvaktServer
import Testing

/// Anonymous authorization requests cannot fill the store: oversized parameters are refused before anything is kept,
/// on an error page rather than a redirect, so a 60 KB `state` is never echoed into a `Location`.
@Suite struct AuthorizationBoundsTests {
    @Test func anOversizedStateIsRefusedOnAPageAndNothingIsStored() async throws {
        try await OIDCHarness.run { h in
            for state in [String(repeating: "s", count: 600), String(repeating: "s", count: 60_000)] {
                let answer = try await h.authorize(["state": state], cookie: nil)
                #expect(answer.status == .badRequest && answer.location == nil, "\(answer.status) \(answer.location ?? "")")
                #expect(!answer.body.contains(String(repeating: "s", count: 513)), "the page does not echo it either")
            }
            let claims = try await h.authorize(["claims": "{\"userinfo\":{\"" + String(repeating: "c", count: 3000) + "\":null}}"], cookie: nil)
            #expect(claims.status == .badRequest && claims.location == nil)
            // Within the bounds, a later error is redirected with the state as ever.
            let redirected = try await h.authorize(["state": String(repeating: "s", count: 512), "response_type": "token"], cookie: nil)
            #expect(redirected.redirectParameters["error"] == "unsupported_response_type" && redirected.redirectParameters["state"]?.count == 512)
            let fine = try await h.authorize(["state": String(repeating: "s", count: 512)], cookie: nil)
            #expect(fine.location?.hasPrefix(PendingRoutes.login + "?request=") == true)
        }
    }
}
