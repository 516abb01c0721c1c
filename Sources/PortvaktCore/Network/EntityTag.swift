import Crypto

/// A strong entity tag (RFC 9110 §8.8.3) naming a document's exact bytes: the quoted base64url SHA-256 of them.
/// It answers `If-None-Match` (§13.1.2), so a client that holds the bytes gets a 304 instead of them again.
public struct EntityTag: Sendable, Equatable {
    /// The opaque tag, with its quotes: the `ETag` field's value.
    public let value: String

    public init(of bytes: some Sequence<UInt8>) {
        value = "\"" + Base64URL.encode(SHA256.hash(data: Array(bytes))) + "\""
    }

    /// Whether `If-None-Match` field values (each a `*` or a comma-separated list of entity tags) match this tag.
    /// `If-None-Match` compares weakly (§13.1.2): a `W/` prefix is ignored, the opaque tags must be the same.
    /// A member that is not an entity tag ends the reading; what came before it still counts.
    public func matches(ifNoneMatch fieldValues: [String]) -> Bool {
        fieldValues.contains { Self.opaqueTags(in: $0).contains { $0 == "*" || $0 == value } }
    }

    /// The opaque tags in one field value, with their quotes, or `*`.
    static func opaqueTags(in fieldValue: String) -> [String] {
        var tags: [String] = []
        var rest = Substring(fieldValue)
        while true {
            rest = rest.drop { $0 == " " || $0 == "\t" || $0 == "," }
            if rest.isEmpty { return tags }
            if rest.first == "*" {
                tags.append("*")
                rest = rest.dropFirst()
                continue
            }
            if rest.hasPrefix("W/") { rest = rest.dropFirst(2) }
            // etagc: "!" and "#" to "~", and obs-text, which is any byte from 0x80 (RFC 9110 §8.8.3).
            guard rest.first == "\"", let end = rest.dropFirst().firstIndex(of: "\""),
                rest[rest.index(after: rest.startIndex)..<end].unicodeScalars.allSatisfy({ $0 == "!" || ("#"..."~").contains($0) || $0.value >= 0x80 })
            else { return tags }
            tags.append(String(rest[...end]))
            rest = rest[rest.index(after: end)...]
        }
    }
}
