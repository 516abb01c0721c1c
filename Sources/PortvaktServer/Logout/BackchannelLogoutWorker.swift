import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import PortvaktCore
import PortvaktCrypto
import PortvaktStore
import ServiceLifecycle

/// Delivers back-channel logouts (OpenID Connect Back-Channel Logout 1.0 §2.5): claims due ones from the shared
/// queue, POSTs each client a freshly signed logout token, and retries failures with backoff
/// (`BackchannelLogoutSchedule`). Several nodes may run it; the store's lease gives each logout to one node at a
/// time. A client that keeps failing is given up and recorded in the audit log.
struct BackchannelLogoutWorker: PollingWorker {
    let store: any ClientStore & BackchannelLogoutQueue & AuditLog
    let keyRing: KeyRing
    let issuer: String
    let logger: Logger
    let interval: Duration = .seconds(1)
    /// How long a claimed logout is reserved for this node: longer than one delivery's timeout.
    static let lease: TimeInterval = 30
    static let timeout: TimeAmount = .seconds(5)
    /// Its own client, which never follows a redirect: the token goes to the registered URI and nowhere else (a
    /// receiver's redirect could otherwise aim Portvakt at an internal address, or past the https rule).
    static let http = HTTPClient(
        eventLoopGroupProvider: .singleton,
        configuration: HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: .seconds(5))))

    /// One round: every due logout gets one try. Returns how many were delivered.
    @discardableResult
    func deliverDue(now: Date) async -> Int {
        let claimed: [PendingLogout]
        do {
            claimed = try await store.claimDueLogouts(now: now, lease: Self.lease, limit: 20)
        } catch {
            logger.error("cannot read the back-channel logout queue: \(error)")
            return 0
        }
        var delivered = 0
        await withTaskGroup(of: Bool.self) { group in
            for logout in claimed {
                group.addTask { await deliver(logout, round: now) }
            }
            for await ok in group where ok { delivered += 1 }
        }
        return delivered
    }

    /// One try; a failure is tried again on the schedule from the round's start (`round`).
    private func deliver(_ logout: PendingLogout, round now: Date) async -> Bool {
        do {
            try await post(logout)
            try await store.markLogoutDelivered(id: logout.id, at: Date())
            return true
        } catch {
            let retry = BackchannelLogoutSchedule.nextAttempt(afterAttempts: logout.attempts, now: now)
            if let retry {
                logger.warning("back-channel logout to \(logout.clientID) not delivered (attempt \(logout.attempts)); retrying at \(Timestamp.iso(retry)): \(error)")
            } else {
                logger.error("back-channel logout to \(logout.clientID) given up after \(logout.attempts) attempts: \(error)")
                _ = try? await store.record(AuditEvent(
                    at: now, actor: "system", action: "client.backchannel_logout_failed", target: logout.clientID,
                    details: ["account": logout.accountID, "sid": logout.sid ?? "-", "attempts": String(logout.attempts), "error": "\(error)"]))
            }
            try? await store.markLogoutFailed(id: logout.id, error: "\(error)", retryAt: retry, at: now)
            return false
        }
    }

    private func post(_ logout: PendingLogout) async throws {
        guard let client = try await store.client(id: logout.clientID) else { throw LogoutDeliveryError.clientRemoved }
        guard let signer = keyRing.signer(for: client.idTokenSignedResponseAlg) ?? keyRing.signer(for: .rs256) else {
            throw LogoutDeliveryError.noSigningKey
        }
        let token = try LogoutToken.make(
            issuer: issuer, clientID: client.id, subject: logout.accountID, sid: logout.sid, jti: RandomToken.generate(), now: Date(),
            signer: signer)
        var request = HTTPClientRequest(url: logout.uri)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: "logout_token=" + token))
        let response = try await Self.http.execute(request, timeout: Self.timeout)
        // §2.8: 200 OK on success (204 is accepted too); anything else, a redirect included, is tried again.
        guard response.status == .ok || response.status == .noContent else { throw LogoutDeliveryError.answered(Int(response.status.code)) }
    }
}
