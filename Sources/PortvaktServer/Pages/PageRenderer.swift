import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import PortvaktCore

/// Renders the server's HTML pages, with the headers every page carries.
struct PageRenderer: Sendable {
    private let library: MustacheLibrary
    /// The `ui` settings every page shows: the service's name, the organisation, the logo and the support link.
    let ui: UI

    /// The renderer with the neutral `ui` defaults, an immutable constant: only for a `PageError` that escapes
    /// `ErrorResponseMiddleware` (which renders every error page with the renderer made from the configuration).
    /// No middleware outside it throws one; Hummingbird's `HTTPResponseError` still needs an answer for it.
    static let neutral = PageRenderer()

    init(ui: UI = UI()) {
        self.ui = ui
        var library = MustacheLibrary()
        for (name, text) in Templates.all {
            // The templates are constants checked by the test suite; a parse error is a programming error.
            try! library.register(text, named: name)
        }
        self.library = library
    }

    /// A page in `language`, with `values` on top of the common ones.
    func render(
        _ template: String, title: String, language: PageLanguage, values: [String: Any] = [:],
        status: HTTPResponse.Status = .ok, switchLanguageHref: String? = nil
    ) -> Response {
        let text = PageText(language)
        var context: [String: Any] = [
            "lang": language.rawValue, "title": title, "productName": ui.serviceName,
            "switchLanguage": text.switchLanguage, "otherLang": language == .sv ? "en" : "sv",
        ]
        context["organisation"] = ui.organisation
        if ui.logoType != nil { context["logo"] = "/static/logo" }
        if let support = ui.supportURL { context["support"] = ["href": support, "text": text.supportLink] }
        context["switchLanguageHref"] = switchLanguageHref
        context.merge(values) { $1 }
        let html = library.render(context, withTemplate: template) ?? ""
        return Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                .contentSecurityPolicy: "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The error page for requests that must not be redirected.
    func error(_ error: OAuthError, language: PageLanguage) -> Response {
        PageError.oauth(error, language: language).response(language: language, pages: self)
    }
}
