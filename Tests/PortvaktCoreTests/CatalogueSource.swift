import Foundation

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
}
