import Foundation
import Hummingbird
import PortvaktCore

/// `/healthz` (the process is alive) and `/readyz` (it can serve, with the warnings of a setting that looks wrong:
/// `ProxySettingCheck`).
struct HealthController<Probe: ReadinessProbe> {
    let probe: Probe
    let proxySetting: ProxySettingCheck

    func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        router.get(RouterPath(Endpoints.health)) { _, _ in
            Self.status(.ok, #"{"status":"ok"}"#)
        }
        let (probe, proxySetting) = (self.probe, self.proxySetting)
        router.get(RouterPath(Endpoints.ready)) { _, _ in
            if let reason = await probe.notReadyReason() {
                let body = try JSONEncoder().encode(["status": "unavailable", "reason": reason])
                return Self.status(.serviceUnavailable, String(decoding: body, as: UTF8.self))
            }
            let warnings = proxySetting.warnings
            guard !warnings.isEmpty else { return Self.status(.ok, #"{"status":"ready"}"#) }
            let body = try JSONEncoder().encode(Ready(status: "ready", warnings: warnings))
            return Self.status(.ok, String(decoding: body, as: UTF8.self))
        }
    }

    /// `/readyz` while a setting looks wrong: still ready, with what to look at.
    private struct Ready: Encodable {
        var status: String
        var warnings: [String]
    }

    private static func status(_ status: HTTPResponse.Status, _ json: String) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: json)))
    }
}
