import Foundation
import HTTPTypes
import PortvaktCore
import PortvaktServer
import Testing

/// Anonymous authorization requests cannot fill the store: oversized parameters are refused before anything is kept.
@Suite struct AuthorizationBoundsTests {
    @Test func anOversizedStateIsRefusedAndNothingIsStored() async throws {
        try await OIDCHarness.run { h in
            let answer = try await h.authorize(["state": String(repeating: "s", count: 600)], cookie: nil)
            #expect(answer.redirectParameters["error"] == "invalid_request", "\(answer.location ?? answer.body)")
            #expect(answer.redirectParameters["error_description"]?.contains("state") == true)
            let claims = try await h.authorize(["claims": "{\"userinfo\":{\"" + String(repeating: "c", count: 3000) + "\":null}}"], cookie: nil)
            #expect(claims.redirectParameters["error"] == "invalid_request")
            let fine = try await h.authorize(["state": String(repeating: "s", count: 512)], cookie: nil)
            #expect(fine.location?.hasPrefix(PendingRoutes.login + "?request=") == true)
        }
    }
}
