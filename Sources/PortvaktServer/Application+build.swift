import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOSSL
import PortvaktBankID
import ServiceLifecycle
import PortvaktCore
import PortvaktStore

extension RouterOptions where Keys == RemoteClientKeys {
    public static var standard: RouterOptions { RouterOptions(clientKeys: RemoteClientKeys()) }
}

/// The router with every route and middleware. Tests drive it with `app.test(.router)`.
public func buildRouter<Keys: ClientKeySource>(
    _ services: PortvaktServices, options: RouterOptions<Keys>
) -> Router<PortvaktRequestContext> {
    let router = Router(context: PortvaktRequestContext.self)
    if let peerAddress = options.peerAddress { router.add(middleware: PeerAddressMiddleware(peerAddress: peerAddress)) }
    let proxySetting = ProxySettingCheck()
    router.add(middleware: ClientAddressMiddleware(trustedProxies: Set(services.configuration.trustedProxies), proxySetting: proxySetting))
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: SecurityHeadersMiddleware(hsts: services.configuration.issuerIsHTTPS))
    // One renderer, made from the configuration's `ui`, for every page: error pages included.
    let pages = PageRenderer(ui: services.configuration.ui)
    router.add(middleware: ErrorResponseMiddleware(pages: pages))
    router.add(middleware: CORSMiddleware(origins: ClientOrigins(clients: services.clients)))
    addRoutes(to: router, store: services.store, services: services, pages: pages, proxySetting: proxySetting, options: options)
    for addExtraRoutes in options.extraRoutes { addExtraRoutes(router) }
    // Endpoints that take POST only answer other methods 405, not 404: they exist.
    for path in [Endpoints.token, Endpoints.revocation, Endpoints.introspection] {
        router.get(RouterPath(path)) { _, _ -> Response in
            throw HTTPError(.methodNotAllowed, headers: [.allow: "POST"], message: "use POST")
        }
    }
    router.get("/static/bankid.js") { _, _ in
        Response(
            status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(string: Templates.bankIDScript)))
    }
    // The stylesheet in the `ui` primary colour, and the logo.
    let ui = services.configuration.ui
    let stylesheet = Templates.stylesheet.replacingOccurrences(of: "#2d6a4f", with: ui.primaryColor)
    router.get("/static/portvakt.css") { _, _ in
        Response(
            status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(string: stylesheet)))
    }
    if let logo = services.logo, let type = ui.logoType {
        router.get("/static/logo") { _, _ in
            Response(
                // An SVG opened on its own runs nothing.
                status: .ok,
                headers: [.contentType: type.rawValue, .cacheControl: "public, max-age=3600",
                          .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'"],
                body: .init(byteBuffer: ByteBuffer(bytes: logo)))
        }
    }
    return router
}

/// Every controller, wired to the store as a concrete type (the existential is opened once, here).
private func addRoutes<Store: PortvaktStore, Keys: ClientKeySource>(
    to router: Router<PortvaktRequestContext>, store: Store, services: PortvaktServices, pages: PageRenderer, proxySetting: ProxySettingCheck,
    options: RouterOptions<Keys>
) {
    let configuration = services.configuration
    let sessions = LoginSessions(
        store: store, secure: configuration.issuerIsHTTPS, idleTimeout: TimeInterval(configuration.sessions.idleTimeout),
        absoluteTimeout: TimeInterval(configuration.sessions.absoluteTimeout), csrfKey: services.formSecret)
    let binding = BrowserBinding(secure: configuration.issuerIsHTTPS)
    let languages = LanguageChoice(secure: configuration.issuerIsHTTPS)
    LanguageController(languages: languages).addRoutes(to: router)
    let authenticator = ClientAuthenticator(
        store: store, clients: services.clients, clientKeys: options.clientKeys,
        audiences: [configuration.issuer, configuration.url(Endpoints.token), configuration.url(Endpoints.revocation),
                    configuration.url(Endpoints.introspection)],
        now: options.now)
    // The account flows' shared parts, with the decoy hash for unknown addresses made once, here.
    let kit = AccountKit(
        store: store, clients: services.clients, mail: services.mailQueue, pages: pages, sessions: sessions, binding: binding, codeKey: services.codeKey,
        now: options.now)
    var bankIDLogin: [any LoginMethod] = []
    if var bankID = services.bankID {
        if let service = options.bankIDService { bankID.service = service }
        bankIDLogin = [BankIDLogin(kit: kit, bankID: bankID, issuer: configuration.issuer)]
    }
    let loginMethods: [any LoginMethod] = bankIDLogin + (options.passwordLogin ? [PasswordLogin(kit: kit, bankIDStart: bankIDLogin.isEmpty ? nil : BankIDRoutes.start)] : []) + options.loginMethods

    WellKnownController(
        discovery: DiscoveryDocument(configuration: configuration, acrValues: Array(Set(loginMethods.flatMap(\.acrValues))).sorted()),
        keys: services.keyRing,
        jwksMaxAge: configuration.keys.jwksMaxAge
    ).addRoutes(to: router)
    HealthController(
        probe: StoreAndKeysReadiness(
            store: store, ring: services.keyRing, primary: .rs256,
            maximumKeyAge: TimeInterval(3 * configuration.keys.refreshInterval + 5)),
        proxySetting: proxySetting
    ).addRoutes(to: router)
    let authorize = AuthorizeController(
        store: store, clients: services.clients, sessions: sessions, binding: binding, pages: pages, keyRing: services.keyRing, issuer: configuration.issuer,
        loginMethods: loginMethods, signUpPath: options.passwordLogin ? AccountRoutes.signUp : nil, now: options.now)
    authorize.addRoutes(to: router)
    TokenController(
        store: store, keyRing: services.keyRing,
        factory: TokenFactory(
            issuer: configuration.issuer, idTokenLifetime: configuration.tokens.idTokenLifetime,
            accessTokenLifetime: configuration.tokens.accessTokenLifetime),
        configuration: configuration, authenticator: authenticator, now: options.now
    ).addRoutes(to: router)
    UserInfoController(store: store, keyRing: services.keyRing, issuer: configuration.issuer).addRoutes(to: router)
    TokenManagementController(
        store: store, keyRing: services.keyRing, authenticator: authenticator, issuer: configuration.issuer, now: options.now
    ).addRoutes(to: router)
    LogoutController(
        store: store, clients: services.clients, sessions: sessions, pages: pages, languages: languages, keyRing: services.keyRing, issuer: configuration.issuer,
        now: options.now
    ).addRoutes(to: router)
    let login = LoginCompletion(sessions: sessions, store: store, now: options.now)
    let accounts = AccountController(kit: kit)

    // The login, sign-up and reset pages and the pending request's pages: the flow context.
    let flow = router.group()
        .add(middleware: FlowMiddleware(store: store, binding: binding, languages: languages, key: sessions.csrfKey, now: options.now))
        .group(context: FlowRequestContext.self)
    authorize.addPendingRoutes(to: flow)
    let linking = BusinessLinking(kit: kit, issuer: configuration.issuer)
    let onboarding = BusinessOnboarding(kit: kit, linking: linking, issuer: configuration.issuer)
    onboarding.addRoutes(to: flow)
    let submitting = ApplicationSubmitting(kit: kit, issuer: configuration.issuer)
    PendingApplication(kit: kit, onboarding: onboarding, submitting: submitting).addRoutes(to: flow)
    let memberships = MembershipActions(store: store, mail: services.mailQueue, issuer: configuration.issuer, now: options.now)
    let businessPages = BusinessPages(kit: kit, linking: linking, memberships: memberships)
    businessPages.addInvitationRoute(to: flow)
    for method in loginMethods {
        method.addRoutes(to: flow, completion: login)
    }
    accounts.addPrivacyRoute(to: flow)

    // The account console and the business pages: the account context.
    let console = router.group()
        .add(middleware: AccountMiddleware(store: store, sessions: sessions, binding: binding, languages: languages, now: options.now))
        .group(context: AccountRequestContext.self)
    accounts.addRoutes(to: console)
    businessPages.addRoutes(to: console)
    ApplicationPages(kit: kit, submitting: submitting).addRoutes(to: console)

    // The staff desk: the account context, then the desk's own (a staff role, a session the desk allows).
    let staff = router.group()
        .add(middleware: AccountMiddleware(store: store, sessions: sessions, binding: binding, languages: languages, now: options.now))
        .group(context: AccountRequestContext.self)
        .add(middleware: StaffMiddleware(
            store: store, pages: pages, sessions: sessions, allowed: configuration.staff.loginMethods, loginMethods: loginMethods, now: options.now))
        .group(context: StaffRequestContext.self)
    let review = ApplicationReview(store: store, mail: services.mailQueue, configuration: configuration)
    StaffDesk(store: store, review: review, pages: pages, customerNumbers: configuration.applications.customerNumbers, now: options.now)
        .addRoutes(to: staff)

    // The bearer-token resources (`/userinfo`, `/api/v1`) build their own bearer groups, each with its scope.
    MembershipAPI(store: store, keyRing: services.keyRing, issuer: configuration.issuer, memberships: memberships, now: options.now)
        .addRoutes(to: router)
    if MailboxController.enabled(configuration) {
        MailboxController(mailbox: LocalMailbox(directory: configuration.mail.mailboxDirectory), pages: pages).addRoutes(to: router)
    }
}

/// The application `portvakt serve` runs: the router, the listener, the key and client refreshes.
/// Shuts down cleanly on SIGTERM and SIGINT (via `runService()`).
public func buildApplication<Keys: ClientKeySource>(
    _ services: PortvaktServices, options: RouterOptions<Keys>
) -> some ApplicationProtocol {
    let configuration = services.configuration
    let refresh = KeyRefreshService(services: services, interval: .seconds(configuration.keys.refreshInterval))
    let clientRefresh = ClientRefreshService(
        clients: services.clients, interval: .seconds(configuration.keys.refreshInterval), logger: services.logger)
    let host = URLComponents(string: configuration.issuer)?.host ?? "localhost"
    let mailer: any Mailer
    if let smtp = configuration.mail.smtp {
        services.logger.info("mail is delivered through \(smtp)")
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caFile = configuration.mail.smtpCAFile { tls.trustRoots = .file(caFile) }
        mailer = SMTPMailer(location: smtp, heloName: host, tlsConfiguration: tls)
    } else {
        services.logger.notice("NO MAIL SERVER IS CONFIGURED: mail goes to the local mailbox in \(configuration.mail.mailboxDirectory)")
        if MailboxController.enabled(configuration) {
            services.logger.notice("THE LOCAL MAILBOX PAGE IS ON: \(configuration.url(AccountRoutes.mailbox)) shows every mail, codes included")
        } else {
            services.logger.notice("the local mailbox page is off: only a plain-http issuer and listener on loopback get it")
        }
        mailer = LocalMailbox(directory: configuration.mail.mailboxDirectory)
    }
    let outbox = OutboxWorker(outbox: services.store, mailer: mailer, messageIDDomain: host, logger: services.logger)
    let logouts = BackchannelLogoutWorker(store: services.store, keyRing: services.keyRing, issuer: configuration.issuer, logger: services.logger)
    var background: [any Service] = [refresh, clientRefresh, outbox, logouts, HousekeepingService(
        store: services.store, retention: configuration.retention,
        idleTimeout: TimeInterval(configuration.sessions.idleTimeout), logger: services.logger)]
    if let bankID = services.bankID {
        background.append(BankIDSweeper(store: services.store, bankID: bankID, logger: services.logger, now: options.now))
        if bankID.isSimulated {
            services.logger.notice("BANKID IS SIMULATED: anyone can log in as a test identity at \(configuration.url(BankIDSetup.simulatorPrefix + "/app"))")
        }
    }
    return Application(
        router: buildRouter(services, options: options),
        // Idle connections, and requests whose head does not arrive in time, are closed (against slowloris).
        server: .http1(configuration: .init(idleTimeout: TimeAmount(options.idleTimeout))),
        configuration: .init(
            address: .hostname(configuration.listen.host, port: configuration.listen.port),
            serverName: "Portvakt"),
        services: background,
        logger: services.logger)
}

/// The application with the standard options.
public func buildApplication(_ services: PortvaktServices) -> some ApplicationProtocol {
    buildApplication(services, options: .standard)
}
