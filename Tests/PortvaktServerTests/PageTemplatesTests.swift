import Foundation
@testable import PortvaktServer
import Testing

/// The pages' templates and static files are data files in `Sources/PortvaktServer/Pages/` that the build embeds
/// (the EmbedDataFiles plugin): what the binary carries is what is checked in, and every template file is used.
@Suite struct PageTemplatesTests {
    /// `Sources/PortvaktServer/Pages/`, found from this file's path, not the working directory.
    static let pages = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/PortvaktServer/Pages")

    static func checkedIn(_ path: String) throws -> String {
        try String(contentsOf: pages.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func everyTemplateFileIsRegisteredAsCheckedInWithoutItsFinalLineBreak() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.pages.appendingPathComponent("Templates").path)
        let names = files.filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(".mustache".count)) }
        #expect(files.count == names.count, "only templates in Templates/: \(files)")
        #expect(Set(names) == Set(Templates.all.keys), "a template file without a DataFile entry, or the reverse")
        for name in names {
            let text = try Self.checkedIn("Templates/\(name).mustache")
            #expect(text.hasSuffix("\n") && Templates.all[name] == String(text.dropLast()), "\(name).mustache")
        }
    }

    @Test func theStaticFilesAreServedAsCheckedIn() async throws {
        let (checkedInScript, checkedInStylesheet) = (try Self.checkedIn("Static/bankid.js"), try Self.checkedIn("Static/portvakt.css"))
        try await OIDCHarness.run { h in
            let script = try await h.get("/static/bankid.js")
            #expect(script.status == .ok && script.body == checkedInScript)
            // The default `ui` primary colour is the stylesheet's own.
            let stylesheet = try await h.get("/static/portvakt.css")
            #expect(stylesheet.status == .ok && stylesheet.body == checkedInStylesheet)
        }
    }

    @Test func aFormPageIsOneDocumentWhoseFormsPostByDefault() async throws {
        try await OIDCHarness.run { h in
            let page = try await h.get(AccountRoutes.reset)
            #expect(page.status == .ok && page.body.hasPrefix("<!doctype html>\n<html lang=\"sv\">\n"))
            #expect(page.body.hasSuffix("</footer>\n</body>\n</html>"), "no line break after the last tag")
            #expect(page.body.contains(#"<form method="post" action="/password/reset">"#))
        }
    }
}
