import Foundation
import Hummingbird
import PortvaktCore
import PortvaktStore

/// What readiness depends on, so tests can put anything in its place.
public protocol ReadinessProbe: Sendable {
    /// Nil when ready, else why not.
    func notReadyReason() async -> String?
}

/// Ready when the store answers and every configured algorithm has a key that signs.
struct StoreAndKeysReadiness: ReadinessProbe {
    let store: any StoreMaintenance
    let ring: KeyRing
    /// OpenID Connect's mandatory algorithm; others may still be waiting to be published long enough.
    let primary: SigningAlgorithm
    /// The ring must have been reloaded within this many seconds: the rotation rules assume every node
    /// notices a change within one refresh interval.
    let maximumKeyAge: TimeInterval

    func notReadyReason() async -> String? {
        do {
            try await store.ping()
        } catch {
            return "the store does not answer"
        }
        guard ring.canSign([primary]) else { return "signing keys are not loaded" }
        guard let loadedAt = ring.loadedAt, Date().timeIntervalSince(loadedAt) <= maximumKeyAge else {
            return "signing keys have not been reloaded recently"
        }
        return nil
    }
}

/// `/healthz` (the process is alive) and `/readyz` (it can serve).
struct HealthController<Probe: ReadinessProbe> {
    let probe: Probe

    func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        router.get(RouterPath(Endpoints.health)) { _, _ in
            Self.status(.ok, #"{"status":"ok"}"#)
        }
        let probe = self.probe
        router.get(RouterPath(Endpoints.ready)) { _, _ in
            if let reason = await probe.notReadyReason() {
                let body = try JSONEncoder().encode(["status": "unavailable", "reason": reason])
                return Self.status(.serviceUnavailable, String(decoding: body, as: UTF8.self))
            }
            return Self.status(.ok, #"{"status":"ready"}"#)
        }
    }

    private static func status(_ status: HTTPResponse.Status, _ json: String) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: json)))
    }
}
