import Foundation
import Hummingbird

extension BrowserLogin {
    /// The back-channel logout endpoint (Back-Channel Logout 1.0 §2.5, §2.8): Portvakt POSTs
    /// `logout_token=<JWT>`; a valid one that was not seen before ends this app's sessions of its `sid` (or of its
    /// `sub` when it names no session). 200 when done, 400 with `{"error": "invalid_request"}` otherwise; never
    /// cached.
    public func backChannelLogout(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 * 1024)
        let form = (try? URLEncodedFormDecoder().decode([String: String].self, from: String(buffer: body))) ?? [:]
        do {
            guard let token = form["logout_token"] else { throw VerificationError(.malformed, "no logout_token in the form") }
            let logout = try await verifier.verifyLogoutToken(token)
            guard await logoutTokens.firstUse(logout.claims.tokenID ?? "", until: logout.claims.expiresAt ?? now.addingTimeInterval(600), now: now) else {
                throw VerificationError(.logoutToken, "this logout token was used before")
            }
            _ = try await sessions.removeAll(providerSessionID: logout.sessionID, subject: logout.subject)
            return Response(status: .ok, headers: [.cacheControl: "no-store"])
        } catch let error as VerificationError {
            let json = try JSONEncoder().encode(["error": "invalid_request", "error_description": error.description])
            return Response(
                status: .badRequest, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: json)))
        }
    }
}
