import Foundation
import Hummingbird
import NIOCore
import PortvaktCore

/// The simulated BankID app as a small phone-like page: open an order by pasting a QR code's content or
/// following an autostart link, read the order's text, pick a test identity and enter its personal code, or
/// cancel. Plain forms, no JavaScript.
struct SimulatorAppPage: Sendable {
    let simulator: BankIDSimulator
    let prefix: String

    func addRoutes<Context: RequestContext>(to router: RouterGroup<Context>) {
        router.get(RouterPath("\(prefix)/app")) { request, _ -> Response in
            let token = request.uri.queryParameters["autostarttoken"].map(String.init)
            return page(start(autoStartToken: token, error: nil))
        }
        router.post(RouterPath("\(prefix)/app/page/open")) { request, _ -> Response in
            let form = await Self.form(request)
            do {
                let session: String
                if let token = form["autostarttoken"], !token.isEmpty {
                    session = try await simulator.open(autoStartToken: token)
                } else {
                    session = try await simulator.open(qr: (form["qr"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
                }
                return .redirect(to: "\(prefix)/app/page/\(session)", type: .normal)
            } catch {
                return page(start(autoStartToken: form["autostarttoken"], error: (error as? BankIDSimulator.AppError)?.message ?? "\(error)"), status: .badRequest)
            }
        }
        router.get(RouterPath("\(prefix)/app/page/{session}")) { _, context in
            await sessionPage(context.parameters.get("session") ?? "", error: nil)
        }
        router.post(RouterPath("\(prefix)/app/page/{session}/identify")) { request, context -> Response in
            let session = context.parameters.get("session") ?? ""
            let form = await Self.form(request)
            do {
                try await simulator.identify(session: session, personalNumber: form["personalNumber"] ?? "", personalCode: form["personalCode"] ?? "")
                return .redirect(to: "\(prefix)/app/page/\(session)", type: .normal)
            } catch {
                return await sessionPage(session, error: (error as? BankIDSimulator.AppError)?.message ?? "\(error)")
            }
        }
        router.post(RouterPath("\(prefix)/app/page/{session}/cancel")) { _, context -> Response in
            let session = context.parameters.get("session") ?? ""
            try? await simulator.cancel(session: session)
            return .redirect(to: "\(prefix)/app/page/\(session)", type: .normal)
        }
    }

    private func start(autoStartToken: String?, error: String?) -> String {
        var html = "<h1>BankID (simulator)</h1>"
        if let error { html += "<p class=\"error\">\(HTML.escape(error))</p>" }
        if let autoStartToken, !autoStartToken.isEmpty {
            html += """
                <form method="post" action="\(prefix)/app/page/open">
                <input type="hidden" name="autostarttoken" value="\(HTML.escape(autoStartToken))">
                <p>En inloggning väntar på den här enheten.</p>
                <button type="submit">Öppna</button></form>
                """
        }
        html += """
            <form method="post" action="\(prefix)/app/page/open">
            <label for="qr">Skanna QR-kod (klistra in innehållet)</label>
            <input id="qr" name="qr" autocomplete="off" placeholder="bankid.…">
            <button type="submit">Skanna</button></form>
            """
        return html
    }

    private func sessionPage(_ session: String, error: String?) async -> Response {
        guard let view = try? await simulator.sessionView(session) else {
            return page("<h1>BankID (simulator)</h1><p class=\"error\">Ingen sådan order.</p>", status: .notFound)
        }
        var html = "<h1>BankID (simulator)</h1>"
        if let text = view.text { html += "<p class=\"order\">\(HTML.escape(text))</p>" }
        html += "<p>Status: <strong>\(HTML.escape(view.status))</strong></p>"
        if let error { html += "<p class=\"error\">\(HTML.escape(error))</p>" }
        if ["started", "userSign"].contains(view.status) {
            let options = simulator.identities.map { identity in
                "<option value=\"\(identity.personalNumber)\"\(identity.personalNumber == view.requiredPersonalNumber ? " selected" : "")>\(HTML.escape(identity.name)) (\(identity.personalNumber))</option>"
            }.joined()
            html += """
                <form method="post" action="\(prefix)/app/page/\(session)/identify">
                <label for="personalNumber">Identitet</label><select id="personalNumber" name="personalNumber">\(options)</select>
                <label for="personalCode">Säkerhetskod</label>
                <input id="personalCode" name="personalCode" type="password" inputmode="numeric" autocomplete="off">
                <button type="submit">Identifiera</button></form>
                <form method="post" action="\(prefix)/app/page/\(session)/cancel"><button type="submit" class="secondary">Avbryt</button></form>
                """
        }
        return page(html)
    }

    private func page(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        let html = """
            <!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>BankID (simulator)</title><style>
            body{font-family:system-ui,sans-serif;background:#193e4f;margin:0}
            main{max-width:22rem;margin:2rem auto;background:#fff;border-radius:1.5rem;padding:1.5rem;min-height:30rem}
            label,input,select,button{display:block;width:100%;box-sizing:border-box;margin:.4rem 0;font-size:1rem}
            input,select{padding:.5rem}button{padding:.6rem;border:0;border-radius:.4rem;background:#193e4f;color:#fff}
            button.secondary{background:#ddd;color:#000}.error{color:#a4161a}.order{background:#eef;padding:.6rem}
            </style></head><body><main>\(body)</main></body></html>
            """
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func form(_ request: Request) async -> [String: String] {
        guard let buffer = try? await request.body.collect(upTo: 16 * 1024) else { return [:] }
        var form: [String: String] = [:]
        for pair in String(buffer: buffer).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            if parts.count == 2 { form[parts[0]] = parts[1] }
        }
        return form
    }
}
