import Logging
import Synchronization

/// Whether `trusted_proxies` looks wrong: requests arrive with `X-Forwarded-For` while it is empty, so Portvakt sees
/// every client behind the proxy as the proxy's own address, and they share its limits. The first such request is
/// logged as a warning (once per process) and `/readyz` says so from then on; serving goes on.
final class ProxySettingCheck: Sendable {
    private let forwardedWithoutTrust = Mutex(false)

    /// What `/readyz` and the log say.
    static let warning =
        "requests carry X-Forwarded-For but trusted_proxies is empty: every client behind the proxy shares its address and its limits; "
        + "set trusted_proxies to the proxy's address (README, Configuration)"

    /// Notes a forwarded request that no trusted proxy vouches for, logging the warning the first time.
    func sawForwardedRequest(logger: Logger) {
        let first = forwardedWithoutTrust.withLock { seen in
            defer { seen = true }
            return !seen
        }
        if first { logger.warning("\(Self.warning)") }
    }

    /// The warnings `/readyz` carries: none until a forwarded request has been seen.
    var warnings: [String] { forwardedWithoutTrust.withLock { $0 } ? [Self.warning] : [] }
}
