import Foundation
import Hummingbird
import PortvaktBankID
import PortvaktCore
import PortvaktCrypto
import PortvaktStore

/// Login with BankID: on this device (the autostart link) or on another (the animated QR code, optionally with
/// the personnummer first). A known personnummer logs in; an unknown one goes on to sign-up. The RP API's
/// `qrStartSecret` and `orderRef` stay on the server; the browser knows the order by a random id, bound to it.
struct BankIDLogin<Store: AccountStore & CredentialStore & RateLimitStore & SessionStore & AuthorizationStore & AuditLog & BankIDOrderStore>: LoginMethod {
    let kit: AccountKit<Store>
    let bankID: BankIDSetup
    let issuer: String
    let id = "bankid"
    let startPath = BankIDRoutes.start
    var acrValues: [String] { [BankIDAuthentication.acrChoice, BankIDAuthentication.acr(.sameDevice), BankIDAuthentication.acr(.otherDevice)] }

    func label(_ language: PageLanguage) -> String { PageText(language).bankIDMethod }

    func addRoutes(to group: RouterGroup<FlowRequestContext>, completion: LoginCompletion) {
        group.get(RouterPath(BankIDRoutes.start)) { request, context in try await choicePage(request, context: context) }
        group.post(RouterPath(BankIDRoutes.start)) { request, context in try await start(request, context: context) }
        group.post(RouterPath(BankIDRoutes.cancel)) { request, context in try await cancel(request, context: context) }
        let orders = BankIDOrderPages(kit: kit, bankID: bankID, issuer: issuer, completion: completion)
        orders.addRoutes(to: group)
        BankIDSignUpFlow(kit: kit, completion: completion).addRoutes(to: group)
    }

    // MARK: - The choice (RFA 20)

    func choicePage(_ request: Request, context: FlowRequestContext) async throws -> Response {
        let flow = context.flow
        // acr_values may choose the flow for the user, as Swedish OIDC brokers let relying parties do (not after a
        // cancel, which comes back here with `choose`).
        if request.uri.queryParameters["choose"] == nil, let pending = flow.pending {
            if pending.request.acrValues.contains(BankIDAuthentication.acr(.sameDevice)) {
                return try await startOrder(.sameDevice, personalNumber: nil, flow: flow, request: request)
            }
            if pending.request.acrValues.contains(BankIDAuthentication.acr(.otherDevice)) {
                return try await startOrder(.otherDevice, personalNumber: nil, flow: flow, request: request)
            }
        }
        // BankID's guidance: on a computer the QR code at once, on a phone this device first; the order page offers
        // the other device and the choice (with the personnummer first) as ways on. Only for an app's login in this
        // browser, reached by navigation: a page elsewhere that merely loads this address (an image, a prefetch)
        // starts no order and uses up no one's limits.
        if request.uri.queryParameters["choose"] == nil, flow.pending != nil, request.headers[.secFetchSite] != "cross-site",
            request.headers[.secFetchMode].map({ $0 == "navigate" }) ?? true
        {
            return try await startOrder(
                BankIDSetup.isPhone(request.headers[.userAgent]) ? .sameDevice : .otherDevice, personalNumber: nil, flow: flow, request: request)
        }
        return choice(flow)
    }

    private func choice(_ flow: FlowRequest, notice: String? = nil, personalNumber: String = "", error: String? = nil) -> Response {
        let text = flow.text
        let hidden = flow.hidden + [("csrf", kit.csrf(flow, purpose: "bankid"))]
        return kit.render(
            FormPage(
                title: text.bankIDTitle, lead: BankIDMessage.rfa20.text(flow.language), notice: notice,
                forms: [
                    FormView(action: BankIDRoutes.start, submit: text.bankIDThisDevice, hidden: hidden + [("start", "same-device")]),
                    FormView(action: BankIDRoutes.start, submit: text.bankIDOtherDevice, hidden: hidden + [("start", "other-device")]),
                    FormView(
                        action: BankIDRoutes.start, submit: text.bankIDVerify, hidden: hidden + [("start", "other-device")],
                        fields: [FormField(
                            name: "personal_number", label: text.bankIDPersonalNumber, autocomplete: "off", value: personalNumber, error: error,
                            hint: text.bankIDPersonalNumberHint, inputMode: "numeric")],
                        secondary: true),
                ]),
            flow: flow, switchBack: BankIDRoutes.choice(flow), status: error == nil && notice == nil ? .ok : .badRequest)
    }

    func start(_ request: Request, context: FlowRequestContext) async throws -> Response {
        let (flow, form) = (context.flow, context.form)
        guard kit.checkCSRF(form, flow, purpose: "bankid") else {
            throw PageError.expired(flow)
        }
        let start = BankIDMessage.Start(rawValue: form["start"] ?? "") ?? .otherDevice
        var personalNumber: PersonalNumber?
        if let typed = form["personal_number"], !typed.trimmingCharacters(in: .whitespaces).isEmpty {
            guard case .success(let parsed) = PersonalNumber.parse(typed, today: kit.now()) else {
                return choice(flow, personalNumber: typed, error: flow.text.bankIDInvalidPersonalNumber)
            }
            personalNumber = parsed
        }
        return try await startOrder(start, personalNumber: personalNumber, flow: flow, request: request)
    }

    /// Asks BankID for an order and sends the browser to its page.
    private func startOrder(
        _ start: BankIDMessage.Start, personalNumber: PersonalNumber?, flow: FlowRequest, request: Request
    ) async throws -> Response {
        // Orders per client address and per personnummer (`Limits`): each costs a call to BankID, and repeated
        // personnummer-first orders would keep cancelling that person's own.
        var keys = [(Limits.bankIDOrdersPerAddress.key(flow.source), Limits.bankIDOrdersPerAddress)]
        if let personalNumber {
            let limit = Limits.bankIDOrdersPerPersonalNumber
            keys.append((limit.key(Base64URL.encode(Digest.sha256(personalNumber.digits))), limit))
        }
        // Counted by the store's atomic claim; a start refused by a later key is taken back from the earlier ones.
        var claimed: [RateLimitClaim] = []
        let started = kit.now()
        for (key, limit) in keys {
            let claim = try await kit.store.claim(key: key, limit: limit, now: started)
            guard case .allow = claim.decision else {
                try await kit.store.release(claimed)
                let until: Date = switch claim.decision {
                case .wait(let until), .refused(let until): until
                case .allow: started
                }
                return choice(flow, notice: flow.text.tryAgainIn(seconds: AccountKit<Store>.seconds(until, started)))
            }
            claimed.append(claim)
        }
        let endUserIp = ClientAddress.isIPAddress(flow.source) ? flow.source : "127.0.0.1"
        let visible = Data(try await visibleText(flow).utf8).base64EncodedString()
        let answer: BankIDWire.AuthResponse
        do {
            answer = try await bankID.service.auth(.init(
                endUserIp: endUserIp, requirement: personalNumber.map { .init(personalNumber: $0.digits) }, userVisibleData: visible))
        } catch {
            try await kit.audit("bankid.start_failed", actor: "anonymous", source: flow.source, details: ["error": error.errorCode])
            return choice(flow, notice: BankIDMessage.error(code: error.errorCode).text(flow.language))
        }
        // After the answer: the QR code's seconds count from the `/auth` response.
        let now = kit.now()
        let order = BankIDOrder(
            id: RandomToken.generate(), orderRef: answer.orderRef, autoStartToken: answer.autoStartToken, qrStartToken: answer.qrStartToken,
            qrStartSecret: answer.qrStartSecret, start: start, requiredPersonalNumber: personalNumber?.digits, endUserIp: endUserIp, pendingID: flow.pendingID,
            browserBinding: flow.browser, createdAt: now,
            nextCollectAt: now, lastSeenAt: now, expiresAt: now.addingTimeInterval(BankIDOrderMachine.lifetime))
        try await kit.store.saveBankIDOrder(order)
        try await kit.audit(
            "bankid.started", actor: "anonymous", target: order.id, source: flow.source,
            details: ["start": start.rawValue, "personal_number": personalNumber?.masked ?? ""])
        var response = Response.redirect(to: BankIDOrderPages<Store>.url(BankIDRoutes.order, order, flow), type: .normal)
        if let cookie = flow.newCookie { response.setCookie(cookie) }
        return response
    }

    /// What the app shows: the service and, when an app waits, its name, so a relayed QR code is easier to spot.
    private func visibleText(_ flow: FlowRequest) async throws -> String {
        guard let pending = flow.pending, let client = try await kit.clients.lookup(id: pending.request.clientID)
        else { return flow.text.bankIDUserVisibleData(service: kit.pages.ui.serviceName) }
        return "\(flow.text.bankIDUserVisibleData(service: kit.pages.ui.serviceName)): \(client.name)"
    }

    func cancel(_ request: Request, context: FlowRequestContext) async throws -> Response {
        let (flow, form) = (context.flow, context.form)
        guard let id = form["id"], let order = try await kit.store.bankIDOrder(id: id, seenAt: nil),
            ConstantTime.equal(order.browserBinding, flow.browser)
        else { throw PageError.expired(flow) }
        try await BankIDCollector(store: kit.store, bankID: bankID).cancelByUser(order, source: flow.source, now: kit.now())
        return .redirect(to: BankIDRoutes.choice(flow), type: .normal)
    }
}
