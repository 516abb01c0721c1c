import HTTPTypes
import Hummingbird

/// The portal's HTML: one layout, text escaped.
enum PortalPage {
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }

    static func response(_ title: String, _ body: String, status: HTTPResponse.Status = .ok) -> Response {
        let html = """
            <!doctype html>
            <html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title)) – Mina sidor</title>
            <style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
            table{border-collapse:collapse}td,th{border-bottom:1px solid #ccc;padding:.3rem .8rem .3rem 0;text-align:left}
            .button,button{background:#1d4f91;color:#fff;border:0;padding:.5rem 1rem;border-radius:4px;text-decoration:none;font-size:1rem}</style>
            </head><body><header><p><strong>Mina sidor</strong> – demoportalen</p></header><main><h1>\(escape(title))</h1>
            \(body)</main></body></html>
            """
        return Response(
            status: status, headers: securityHeaders,
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// Every page: never framed by another site (clickjacking of "Ta bort" and "Bjud in"), no script and no style from
    /// elsewhere, no MIME sniffing, not cached.
    static let securityHeaders: HTTPFields = [
        .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
        .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
        HTTPField.Name("X-Frame-Options")!: "DENY", HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        HTTPField.Name("Referrer-Policy")!: "same-origin",
    ]

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    static func roleName(_ role: String) -> String { role == "admin" ? "Administratör" : "Användare" }

    static func kindName(_ kind: String) -> String {
        ["retailer": "Butik", "producer": "Producent", "importer": "Importör"][kind] ?? kind
    }
}
