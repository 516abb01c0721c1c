import Foundation
import Hummingbird
import NIOCore
import PortvaktBankID
import PortvaktCore
import PortvaktStore

/// A BankID order in progress: its page (the status message, the QR code or the autostart button, cancel), its
/// JSON status for the page's script, the QR code as SVG, and its end. `/collect` is called from here, server-
/// side, at most every 2 seconds per order across all nodes, while a browser watches; `BankIDSweeper` cancels
/// orders nobody watches any more.
struct BankIDOrderPages<Store: AccountStore & CredentialStore & RateLimitStore & SessionStore & AuthorizationStore & AuditLog & BankIDOrderStore>: Sendable {
    let kit: AccountKit<Store>
    let bankID: BankIDSetup
    let issuer: String
    let completion: LoginCompletion

    /// A page of an order: with the pending request the order serves, the flow's return target and language.
    static func url(_ route: String, _ order: BankIDOrder, _ flow: FlowRequest) -> String {
        var items = [URLQueryItem(name: "id", value: order.id), URLQueryItem(name: "lang", value: flow.language.rawValue)]
        if let pendingID = order.pendingID { items.insert(URLQueryItem(name: "request", value: pendingID), at: 0) }
        if let returnTo = flow.returnTo { items.append(URLQueryItem(name: "return", value: returnTo.ticket)) }
        var components = URLComponents()
        components.path = route
        components.queryItems = items
        return components.string ?? route
    }

    func addRoutes(to group: RouterGroup<FlowRequestContext>) {
        group.get(RouterPath(BankIDRoutes.order)) { request, context in try await orderPage(request, context: context) }
        group.get(RouterPath(BankIDRoutes.status)) { request, context in try await status(request, context: context) }
        group.get(RouterPath(BankIDRoutes.qr)) { request, context in try await qrCode(request, context: context) }
        group.get(RouterPath(BankIDRoutes.done)) { request, context in try await done(request, context: context) }
    }

    // MARK: - The order, as this browser sees it

    /// The order named by `?id=`, if this browser started it; `/collect` is called when it is due.
    private func order(_ request: Request, context: FlowRequestContext) async throws -> BankIDOrder? {
        guard let id = request.uri.queryParameters["id"].map(String.init), id.count <= 128,
            let order = try await kit.store.bankIDOrder(id: id, seenAt: kit.now()), ConstantTime.equal(order.browserBinding, context.flow.browser)
        else { return nil }
        return try await collectIfDue(order)
    }

    private func collectIfDue(_ order: BankIDOrder) async throws -> BankIDOrder {
        let now = kit.now()
        guard order.status == .pending, try await kit.store.claimBankIDCollect(id: order.id, now: now, interval: BankIDServiceTimes.collectInterval) else {
            return order
        }
        try await BankIDCollector(store: kit.store, bankID: bankID).collect(order, now: now)
        return try await kit.store.bankIDOrder(id: order.id, seenAt: nil) ?? order
    }


    /// The RFA message for the order's state.
    private func message(_ order: BankIDOrder) -> BankIDMessage {
        switch order.status {
        case .pending: BankIDMessage.pending(hintCode: order.hintCode, start: order.start)
        case .failed: order.errorCode.map(BankIDMessage.error(code:)) ?? BankIDMessage.failed(hintCode: order.hintCode, start: order.start)
        case .cancelled: .rfa6
        case .complete, .used: .rfa21
        }
    }

    /// The QR code is shown while the order waits to be picked up on another device.
    private func showsQR(_ order: BankIDOrder) -> Bool {
        order.start == .otherDevice && order.status == .pending && (order.hintCode ?? "outstandingTransaction").lowercased() == "outstandingtransaction"
    }

    private func qrURL(_ order: BankIDOrder) -> String {
        // A new URL every second, so that neither the browser nor a proxy shows an old code.
        "\(BankIDRoutes.qr)?id=\(order.id)&t=\(Int(kit.now().timeIntervalSince(order.createdAt)))"
    }

    /// The order's end, with the pending request it serves (`FlowMiddleware` loads and checks it).
    private func doneURL(_ order: BankIDOrder, _ flow: FlowRequest) -> String { Self.url(BankIDRoutes.done, order, flow) }

    // MARK: - Pages

    func orderPage(_ request: Request, context: FlowRequestContext) async throws -> Response {
        let flow = context.flow
        let language = flow.language
        guard let order = try await order(request, context: context) else { throw PageError.expired(language) }
        if order.status == .complete { return .redirect(to: doneURL(order, flow), type: .found) }
        let text = PageText(language)
        let pending = order.status == .pending
        var values: [String: Any] = [
            "statusURL": Self.url(BankIDRoutes.status, order, flow), "message": message(order).text(language),
            "pending": pending, "cancelAction": BankIDRoutes.cancel, "orderID": order.id, "cancel": text.bankIDCancel,
            "againHref": BankIDRoutes.choice(flow), "tryAgain": text.bankIDTryAgain, "qrAlt": text.bankIDQRAlt, "openApp": text.bankIDOpenApp,
        ]
        if showsQR(order) {
            values["qr"] = qrURL(order)
            values["qrInstruction"] = text.bankIDQRInstruction
        }
        if pending {
            // The other device, and the choice page, as ways on.
            let other: BankIDMessage.Start = order.start == .sameDevice ? .otherDevice : .sameDevice
            values["otherDevice"] = [
                "action": BankIDRoutes.start, "label": other == .sameDevice ? text.bankIDThisDevice : text.bankIDOtherDevice,
                "hidden": (flow.hidden + [("csrf", kit.csrf(flow, purpose: "bankid")), ("start", other.rawValue)]).map { ["name": $0.name, "value": $0.value] },
            ] as [String: Any]
            values["moreOptions"] = ["href": BankIDRoutes.choice(flow), "text": text.bankIDMoreOptions]
        }
        if pending && order.start == .sameDevice {
            values["autostart"] = bankID.autostartLink(
                order.autoStartToken, userAgent: request.headers[.userAgent], returnURL: issuer + Self.url(BankIDRoutes.order, order, flow))
        }
        values["lang"] = language.rawValue
        if pending {
            values["refresh"] = "1"
            values["script"] = "/static/bankid.js"
        }
        return kit.pages.render(
            "bankid", title: text.bankIDTitle, language: language, values: values,
            switchLanguageHref: LanguageChoice.switchLink(from: language, back: Self.url(BankIDRoutes.order, order, flow)))
    }

    private struct Status: Encodable {
        var state: String
        var message: String
        var qr: String?
        var next: String?
    }

    func status(_ request: Request, context: FlowRequestContext) async throws -> Response {
        let language = context.flow.language
        guard let order = try await order(request, context: context) else {
            var gone = try Response.json(Status(state: "gone", message: BankIDMessage.rfa22.text(language)))
            gone.status = .notFound
            return gone
        }
        let state = order.status == .used ? "complete" : order.status.rawValue
        var response = try Response.json(Status(
            state: state, message: message(order).text(language), qr: showsQR(order) ? qrURL(order) : nil,
            next: order.status == .complete ? doneURL(order, context.flow) : nil))
        response.headers[.cacheControl] = "no-store"
        return response
    }

    func qrCode(_ request: Request, context: FlowRequestContext) async throws -> Response {
        guard let order = try await order(request, context: context), showsQR(order) else { throw HTTPError(.notFound) }
        let seconds = max(0, Int(kit.now().timeIntervalSince(order.createdAt)))
        guard let svg = QRCodeSVG.render(BankIDQR.content(token: order.qrStartToken, secret: order.qrStartSecret, seconds: seconds)) else {
            throw HTTPError(.internalServerError)
        }
        return Response(
            status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: svg)))
    }

    // MARK: - The end

    /// A known personnummer logs in; an unknown one goes on to sign-up.
    func done(_ request: Request, context: FlowRequestContext) async throws -> Response {
        let flow = context.flow
        let language = flow.language
        // The pending request of the URL must be the order's: `FlowMiddleware` has loaded and checked it.
        guard let order = try await order(request, context: context), order.status == .complete, let data = order.completion,
            order.pendingID == flow.pendingID
        else { throw PageError.expired(language) }
        guard let account = try await kit.store.account(personalNumber: data.user.personalNumber) else {
            return .redirect(to: flow.link(BankIDRoutes.signUp) + "&id=\(order.id)", type: .found)
        }
        guard try await kit.store.useBankIDOrder(id: order.id) else { throw PageError.expired(language) }
        return try await completion.complete(
            flow, accountID: account.id, acr: BankIDAuthentication.acr(order.start), amr: BankIDAuthentication.amr, request: request)
    }
}
