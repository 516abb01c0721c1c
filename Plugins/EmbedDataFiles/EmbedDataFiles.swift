import Foundation
import PackagePlugin

/// Turns data files into Swift at build time, so they live in the repository as plain files, the binary carries
/// them (it never looks for a file at run time, whatever its working directory), and no source file is a
/// multi-thousand-line literal. Each file below becomes one generated Swift file in the plugin's work directory,
/// written by the `portvakt-embed` tool; SwiftPM reruns it when the file changes.
@main
struct EmbedDataFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SwiftSourceModuleTarget else { return [] }
        let tool = try context.tool(named: "portvakt-embed")
        return DataFile.all.filter { $0.target == target.name }.map { file in
            let input = target.directoryURL.appending(path: file.path)
            let output = context.pluginWorkDirectoryURL.appending(path: "\(file.typeName)+\(file.property).swift")
            return .buildCommand(
                displayName: "Embedding \(target.name)/\(file.path)",
                executable: tool.url,
                arguments: [input.path, output.path, file.declaration, file.property] + (file.summary.map { [$0] } ?? []),
                inputFiles: [input],
                outputFiles: [output])
        }
    }
}

/// One data file that becomes Swift. The file is excluded from its target in `Package.swift` (SwiftPM would
/// otherwise warn about a file it does not handle); this plugin reads it all the same.
struct DataFile {
    /// The target that uses the text, and the file's path inside that target's folder.
    let target: String
    let path: String
    /// What the generated code opens: `enum Name` declares the type, `extension Name` adds to a written one.
    let declaration: String
    /// The `static let` that holds the file's exact text.
    let property: String
    /// The doc comment of a declared type.
    var summary: String?

    var typeName: String { String(declaration.split(separator: " ").last ?? "") }

    static let all: [DataFile] = [
        DataFile(
            target: "PortvaktCore", path: "Passwords/common-passwords.txt",
            declaration: "extension CommonPasswords", property: "list"),
        texts("Businesses/BusinessText.json", property: "businessTextJSON"),
        texts("Accounts/AccountText.json", property: "accountTextJSON"),
        texts("BankID/BankIDText.json", property: "bankIDTextJSON"),
        texts("Pages/PageText.json", property: "pageTextJSON"),
        texts("Mail/MailText.json", property: "mailTextJSON", of: "MailText"),
        texts("Applications/ApplicationText.json", property: "applicationTextJSON"),
        texts("Staff/StaffText.json", property: "staffTextJSON"),
        DataFile(
            target: "PortvaktServer", path: "API/openapi.json",
            declaration: "enum OpenAPIDocument", property: "json",
            summary: "The memberships API's OpenAPI 3.1 document, served as it is checked in at `/api/v1/openapi.json`."),
        page("Static/portvakt.css", property: "stylesheet"),
        page("Static/bankid.js", property: "bankIDScript"),
    ] + [
        "layout", "error", "login", "consent", "logout", "message", "form", "document", "mailbox", "bankid", "business", "application", "staff",
    ].map { page("Templates/\($0).mustache", property: $0) }

    /// A text catalogue of `PortvaktCore` (`TextCatalogue`) as a `static let` of the type whose texts it holds.
    static func texts(_ path: String, property: String, of type: String = "PageText") -> DataFile {
        DataFile(target: "PortvaktCore", path: path, declaration: "extension \(type)", property: property)
    }

    /// A file of the HTML pages (`Sources/PortvaktServer/Pages/`) as a `static let` of `Templates`: a static file,
    /// or a Mustache template as `Templates.NAME` from `Templates/NAME.mustache` (registered in `Templates.swift`).
    static func page(_ path: String, property: String) -> DataFile {
        DataFile(target: "PortvaktServer", path: "Pages/\(path)", declaration: "extension Templates", property: property)
    }
}
