import Foundation
import Hummingbird
import PortvaktCore

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
