/// The protected headers (RFC 7515 §4) one key signs under, `{"alg":…,"kid":…,"typ":…}`, already base64url-encoded:
/// made once per key for the types Portvakt issues, so issuing a token encodes only its payload.
public struct JWSHeaders: Sendable {
    /// ID tokens are `JWT`; access tokens `at+jwt` (RFC 9068 §2.1).
    public static let issuedTypes = ["JWT", "at+jwt"]

    public let algorithm: SigningAlgorithm
    public let kid: String
    private let prepared: [(type: String, encoded: [UInt8])]

    public init(algorithm: SigningAlgorithm, kid: String, types: [String] = JWSHeaders.issuedTypes) {
        self.algorithm = algorithm
        self.kid = kid
        prepared = types.map { ($0, Self.encode(algorithm: algorithm, kid: kid, type: $0)) }
    }

    /// The base64url header for `type`: the prepared one, or encoded now for a type not prepared.
    public func encoded(type: String) -> [UInt8] {
        for header in prepared where header.type == type { return header.encoded }
        return Self.encode(algorithm: algorithm, kid: kid, type: type)
    }

    private static func encode(algorithm: SigningAlgorithm, kid: String, type: String) -> [UInt8] {
        var json: [UInt8] = []
        json.append(contentsOf: #"{"alg":"#.utf8)
        JSONWriter.append(string: algorithm.rawValue, to: &json)
        json.append(contentsOf: #","kid":"#.utf8)
        JSONWriter.append(string: kid, to: &json)
        json.append(contentsOf: #","typ":"#.utf8)
        JSONWriter.append(string: type, to: &json)
        json.append(UInt8(ascii: "}"))
        var encoded: [UInt8] = []
        Base64URL.append(json, to: &encoded)
        return encoded
    }
}
