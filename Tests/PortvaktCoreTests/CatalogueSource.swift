import Foundation
import Testing

/// The keys that `…Text.swift` files ask their catalogue for (each `helper("key"`), read from the sources (found from
/// this file's path), so a catalogue's tests can check that those are exactly the catalogue's keys.
enum CatalogueSource {
    static func keys(askedBy helper: String, in paths: [String]) throws -> Set<String> {
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var keys: Set<String> = []
        for path in paths {
            let source = try String(contentsOf: package.appendingPathComponent(path), encoding: .utf8)
            keys.formUnion(source.components(separatedBy: "\(helper)(\"").dropFirst().map { rest in String(rest.prefix { $0 != "\"" }) })
        }
        return keys
    }

    /// Expects the files to ask for exactly `keys`, naming what is missing and what is never asked for.
    static func expectAsked(exactly keys: Set<String>, by helper: String, in paths: [String], sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let asked = try self.keys(askedBy: helper, in: paths)
        #expect(asked == keys, "asked for but missing: \(asked.subtracting(keys)); never asked for: \(keys.subtracting(asked))",
                sourceLocation: sourceLocation)
    }

    /// A text as it comes out of a catalogue: not empty, and no placeholder or stray brace left in it.
    static func isWhole(_ text: String) -> Bool {
        !text.isEmpty && !text.contains("{") && !text.contains("}")
    }
}
