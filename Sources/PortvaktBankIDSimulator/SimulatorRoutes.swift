import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PortvaktBankID
import PortvaktCore

/// The simulator's HTTP face, mounted under `prefix` (`/bankid-simulator` inside `portvakt serve`, or `` when
/// standalone): the RP API v6.0 under `rp/v6.0/`, the app's JSON API under `app/`, and the app's page.
public struct SimulatorRoutes: Sendable {
    public let simulator: BankIDSimulator
    public let prefix: String
    /// Whether the routes answer only requests addressed to a loopback name (`LoopbackHostMiddleware`): on a
    /// developer's machine, against DNS rebinding.
    public let loopbackOnly: Bool

    public init(simulator: BankIDSimulator, prefix: String, loopbackOnly: Bool) {
        self.simulator = simulator
        self.prefix = prefix
        self.loopbackOnly = loopbackOnly
    }

    public func addRoutes<Context: RequestContext>(to parent: Router<Context>) {
        let router = parent.group()
        if loopbackOnly { router.add(middleware: LoopbackHostMiddleware<Context>()) }
        for endpoint in ["auth", "sign", "collect", "cancel"] {
            router.post(RouterPath("\(prefix)/rp/v6.0/\(endpoint)")) { request, _ in await rpCall(endpoint, request) }
            router.on(RouterPath("\(prefix)/rp/v6.0/\(endpoint)"), method: .get) { _, _ in
                Self.rpError(.init(status: 405, errorCode: "methodNotAllowed", details: "Use POST"))
            }
        }
        router.post(RouterPath("\(prefix)/rp/v6.0/{unknown}")) { _, _ in
            Self.rpError(.init(status: 404, errorCode: "notFound", details: "No such endpoint"))
        }
        addAppRoutes(to: router)
        SimulatorAppPage(simulator: simulator, prefix: prefix).addRoutes(to: router)
    }

    // MARK: - RP API

    private func rpCall(_ endpoint: String, _ request: Request) async -> Response {
        // The real service takes exactly `application/json`, without a charset.
        guard request.headers[.contentType]?.lowercased() == "application/json" else {
            return Self.rpError(.init(status: 415, errorCode: "unsupportedMediaType", details: "Content-Type must be application/json"))
        }
        guard let body = try? await request.body.collect(upTo: 64 * 1024) else {
            return Self.rpError(BankIDSimulator.invalid("The body is too large"))
        }
        let data = Data(body.readableBytesView)
        do {
            switch endpoint {
            case "auth", "sign":
                guard let auth = try? JSONDecoder().decode(BankIDWire.AuthRequest.self, from: data) else {
                    throw BankIDSimulator.invalid("The body is not a valid \(endpoint) request")
                }
                if endpoint == "sign", auth.userVisibleData == nil { throw BankIDSimulator.invalid("userVisibleData is required") }
                return Self.json(try await simulator.auth(auth))
            case "collect":
                return Self.json(try await simulator.collect(orderRef: try orderRef(data)))
            default:
                try await simulator.cancel(orderRef: try orderRef(data))
                return Self.json([String: String]())
            }
        } catch let error as BankIDError {
            return Self.rpError(error)
        } catch {
            return Self.rpError(.init(status: 500, errorCode: "internalError", details: "\(error)"))
        }
    }

    private func orderRef(_ data: Data) throws -> String {
        guard let request = try? JSONDecoder().decode(BankIDWire.OrderRequest.self, from: data), !request.orderRef.isEmpty else {
            throw BankIDSimulator.invalid("orderRef is missing")
        }
        return request.orderRef
    }

    static func rpError(_ error: BankIDError) -> Response {
        var response = json(BankIDWire.ErrorBody(errorCode: error.errorCode, details: error.details))
        response.status = HTTPResponse.Status(code: error.status)
        return response
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONEncoder().encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    // MARK: - The app's JSON API

    private struct OpenRequest: Decodable {
        var qr: String?
        var autoStartToken: String?
    }

    private struct IdentifyRequest: Decodable {
        var personalNumber: String
        var personalCode: String
    }

    private struct HintRequest: Decodable {
        var hintCode: String
    }

    private struct MaintenanceRequest: Decodable {
        var on: Bool
    }

    private func addAppRoutes<Context: RequestContext>(to router: RouterGroup<Context>) {
        router.post(RouterPath("\(prefix)/app/open")) { request, context in
            await appCall(request, context, as: OpenRequest.self) { open in
                let session: String
                if let qr = open.qr {
                    session = try await simulator.open(qr: qr)
                } else if let token = open.autoStartToken {
                    session = try await simulator.open(autoStartToken: token)
                } else {
                    throw BankIDSimulator.AppError.unknownOrder
                }
                return Self.json(["session": session])
            }
        }
        router.get(RouterPath("\(prefix)/app/sessions/{session}")) { _, context in
            await appCall(context) { session in
                let view = try await simulator.sessionView(session)
                var body = ["status": view.status]
                body["text"] = view.text
                return Self.json(body)
            }
        }
        router.post(RouterPath("\(prefix)/app/sessions/{session}/identify")) { request, context in
            await appCall(request, context, as: IdentifyRequest.self) { identify in
                try await simulator.identify(
                    session: context.parameters.get("session") ?? "", personalNumber: identify.personalNumber,
                    personalCode: identify.personalCode)
                return Self.json(["status": try await simulator.sessionView(context.parameters.get("session") ?? "").status])
            }
        }
        router.post(RouterPath("\(prefix)/app/sessions/{session}/cancel")) { _, context in
            await appCall(context) { session in
                try await simulator.cancel(session: session)
                return Self.json(["status": "userCancel"])
            }
        }
        router.post(RouterPath("\(prefix)/app/sessions/{session}/hint")) { request, context in
            await appCall(request, context, as: HintRequest.self) { hint in
                try await simulator.setHint(session: context.parameters.get("session") ?? "", hintCode: hint.hintCode)
                return Self.json(["status": hint.hintCode])
            }
        }
        router.post(RouterPath("\(prefix)/control/maintenance")) { request, context in
            await appCall(request, context, as: MaintenanceRequest.self) { maintenance in
                await simulator.setMaintenance(maintenance.on)
                return Self.json(["maintenance": maintenance.on])
            }
        }
    }

    private func appCall<Context: RequestContext>(
        _ context: Context, _ body: (String) async throws -> Response
    ) async -> Response {
        do {
            return try await body(context.parameters.get("session") ?? "")
        } catch {
            return Self.appError(error)
        }
    }

    private func appCall<Context: RequestContext, Body: Decodable>(
        _ request: Request, _ context: Context, as: Body.Type, _ handle: (Body) async throws -> Response
    ) async -> Response {
        guard let buffer = try? await request.body.collect(upTo: 64 * 1024),
            let body = try? JSONDecoder().decode(Body.self, from: Data(buffer.readableBytesView))
        else { return Self.json(["error": "invalidRequest", "message": "The body is not the JSON this call takes."], status: .badRequest) }
        do {
            return try await handle(body)
        } catch {
            return Self.appError(error)
        }
    }

    private static func appError(_ error: any Error) -> Response {
        guard let error = error as? BankIDSimulator.AppError else {
            return json(["error": "internalError", "message": "\(error)"], status: .internalServerError)
        }
        let status: HTTPResponse.Status = switch error {
        case .unknownSession, .unknownOrder: .notFound
        case .otherPerson: .forbidden
        case .invalidQR, .expiredQR, .unknownIdentity: .badRequest
        case .notOpen: .conflict
        }
        return json(["error": "\(error)", "message": error.message], status: status)
    }
}
