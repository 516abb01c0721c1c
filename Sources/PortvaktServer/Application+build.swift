import Foundation
import Hummingbird
import Logging
import PortvaktCore

/// The router with every route and middleware. Tests drive it with `app.test(.router)`.
public func buildRouter(_ services: PortvaktServices) -> Router<PortvaktRequestContext> {
    let configuration = services.configuration
    let router = Router(context: PortvaktRequestContext.self)
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: SecurityHeadersMiddleware(hsts: configuration.issuerIsHTTPS))
    router.add(middleware: ErrorResponseMiddleware())

    WellKnownController(
        discovery: DiscoveryDocument(configuration: configuration), keys: services.keyRing,
        jwksMaxAge: configuration.keys.jwksMaxAge
    ).addRoutes(to: router)
    HealthController(
        probe: StoreAndKeysReadiness(
            store: services.store, ring: services.keyRing, primary: .rs256,
            maximumKeyAge: TimeInterval(3 * configuration.keys.refreshInterval + 5))
    ).addRoutes(to: router)
    return router
}

/// The application `portvakt serve` runs: the router, the listener, and the key refresh.
/// Shuts down cleanly on SIGTERM and SIGINT (via `runService()`).
public func buildApplication(_ services: PortvaktServices) -> some ApplicationProtocol {
    let configuration = services.configuration
    let refresh = KeyRefreshService(services: services, interval: .seconds(configuration.keys.refreshInterval))
    return Application(
        router: buildRouter(services),
        configuration: .init(
            address: .hostname(configuration.listen.host, port: configuration.listen.port),
            serverName: "Portvakt"),
        services: [refresh],
        logger: services.logger)
}
