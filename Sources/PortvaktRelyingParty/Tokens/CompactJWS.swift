import Foundation

/// A JWS in compact serialization, split and decoded but not yet trusted.
struct CompactJWS: Sendable {
    let header: [String: JSONValue]
    let claims: [String: JSONValue]
    let signingInput: Data
    let signature: Data

    /// The longest token the kit reads: far above any Portvakt issues, far below a memory problem.
    static let maximumLength = 16 * 1024

    init(_ token: String) throws {
        guard token.utf8.count <= Self.maximumLength else { throw VerificationError(.malformed, "the token is longer than \(Self.maximumLength) bytes") }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw VerificationError(.malformed, "a JWS has three parts, this has \(parts.count)") }
        guard let headerBytes = Base64URL.decode(parts[0]), let header = JSONValue.object(from: headerBytes) else {
            throw VerificationError(.malformed, "the header is not base64url JSON")
        }
        guard let claimBytes = Base64URL.decode(parts[1]), let claims = JSONValue.object(from: claimBytes) else {
            throw VerificationError(.malformed, "the payload is not base64url JSON")
        }
        guard let signature = Base64URL.decode(parts[2]) else { throw VerificationError(.malformed, "the signature is not base64url") }
        self.header = header
        self.claims = claims
        self.signature = signature
        signingInput = Data("\(parts[0]).\(parts[1])".utf8)
    }

    /// `alg` from the allow-list; `none`, `NONE`, `HS256` and anything else are refused before any key is looked at.
    func algorithm(allowed: Set<JWSAlgorithm>) throws -> JWSAlgorithm {
        guard let name = header["alg"]?.string else { throw VerificationError(.algorithm, "the header has no alg") }
        guard let algorithm = JWSAlgorithm(rawValue: name), allowed.contains(algorithm) else {
            throw VerificationError(.algorithm, "alg \(name) is not allowed (allowed: \(allowed.map(\.rawValue).sorted().joined(separator: ", ")))")
        }
        if header["crit"] != nil { throw VerificationError(.malformed, "the header has crit parameters this kit does not understand") }
        return algorithm
    }

    /// The header's `typ`, lowercased and without an `application/` prefix (RFC 7515 §4.1.9).
    var type: String? {
        guard let typ = header["typ"]?.string?.lowercased() else { return nil }
        return typ.hasPrefix("application/") ? String(typ.dropFirst("application/".count)) : typ
    }
}
