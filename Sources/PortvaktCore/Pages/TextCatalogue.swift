import Foundation

/// Page texts kept in a data file: each key's text in every language the pages speak, with a named placeholder
/// (`{client}`) wherever a value goes in. A feature's catalogue is a JSON file beside its `…Text.swift`
/// (`Businesses/BusinessText.json`) that the EmbedDataFiles plugin embeds at build time; the feature's `PageText`
/// accessors look their texts up here, so no call site knows where a text lives.
///
///     { "pinWait": { "sv": "Vänta {seconds} sekunder.", "en": "Wait {seconds} seconds." } }
public struct TextCatalogue: Sendable {
    /// What is wrong with a catalogue file, naming the file and the key.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// A text as it is filled in: runs of text and named placeholders, in order.
    enum Piece: Sendable, Equatable {
        case text(String)
        case placeholder(String)
    }

    /// Each key's text in each language, split at its placeholders.
    let texts: [String: [PageLanguage: [Piece]]]

    /// The catalogue in `json`, checked: every key has a text in each language and no other, the languages' texts
    /// have the same placeholders, and every brace belongs to a placeholder. `file` names the file in a problem.
    public init(json: String, file: String) throws {
        let decoded: [String: [String: String]]
        do {
            decoded = try JSONDecoder().decode([String: [String: String]].self, from: Data(json.utf8))
        } catch {
            throw Problem(description: "\(file): not a JSON object of keys, each an object of its text by language (\(error))")
        }
        let languages = PageLanguage.allCases.map(\.rawValue)
        var texts: [String: [PageLanguage: [Piece]]] = [:]
        for (key, byLanguage) in decoded.sorted(by: { $0.key < $1.key }) {
            guard Set(byLanguage.keys) == Set(languages) else {
                let has = byLanguage.keys.sorted().joined(separator: ", ")
                throw Problem(description: "\(file): \"\(key)\" needs a text in each of \(languages.joined(separator: ", ")) and no other language; it has \(has)")
            }
            var parsed: [PageLanguage: [Piece]] = [:]
            for language in PageLanguage.allCases {
                guard let pieces = Self.pieces(of: byLanguage[language.rawValue] ?? "") else {
                    throw Problem(
                        description: "\(file): \"\(key)\" in \(language.rawValue) has a brace that is not part of a placeholder such as {name}")
                }
                parsed[language] = pieces
            }
            let names = PageLanguage.allCases.map { Self.placeholders(in: parsed[$0] ?? []) }
            guard Set(names).count == 1 else {
                let listed = zip(languages, names).map { "\($0) {\($1.sorted().joined(separator: "}, {"))}" }
                throw Problem(description: "\(file): \"\(key)\" has different placeholders in its languages: \(listed.joined(separator: "; "))")
            }
            texts[key] = parsed
        }
        self.texts = texts
    }

    /// Every key of the catalogue.
    var keys: Set<String> { Set(texts.keys) }

    /// The names of `key`'s placeholders (the same in every language).
    func placeholders(of key: String) -> Set<String> {
        Self.placeholders(in: texts[key]?[.sv] ?? [])
    }

    /// The text of `key` in `language`, each placeholder replaced by its value in one pass (a value that looks like
    /// a placeholder stays as it is). A key the catalogue lacks gives the key, and a placeholder without a value
    /// stays as written: visible on the page, never a crash; the tests of each catalogue keep both from shipping.
    public func text(_ key: String, _ language: PageLanguage, _ values: [String: String] = [:]) -> String {
        guard let pieces = texts[key]?[language] else { return key }
        return pieces.map { piece in
            switch piece {
            case .text(let text): text
            case .placeholder(let name): values[name] ?? "{\(name)}"
            }
        }.joined()
    }

    /// `text` split at its placeholders, `{` and a name of ASCII letters, digits and `_`, then `}`; nil when a
    /// brace belongs to none.
    static func pieces(of text: String) -> [Piece]? {
        var pieces: [Piece] = []
        var rest = Substring(text)
        while let brace = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            guard rest[brace] == "{", let close = rest[brace...].firstIndex(of: "}") else { return nil }
            let name = rest[rest.index(after: brace)..<close]
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else { return nil }
            if brace > rest.startIndex { pieces.append(.text(String(rest[..<brace]))) }
            pieces.append(.placeholder(String(name)))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        return pieces
    }

    static func placeholders(in pieces: [Piece]) -> Set<String> {
        Set(pieces.compactMap { piece -> String? in
            switch piece {
            case .placeholder(let name): name
            case .text: nil
            }
        })
    }
}
