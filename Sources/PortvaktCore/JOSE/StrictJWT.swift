import Foundation

/// The rules every JWT from outside must pass before jwt-kit verifies it: client assertions, `id_token_hint`
/// (authorization and logout) and bearer access tokens. jwt-kit reads JSON with a decoder that lets the first of
/// two equal names win and ignores `crit`; these checks close both gaps in one place.
///
/// - RFC 7515 §4.1.11: a `crit` header names extensions the recipient must understand; Portvakt understands
///   none, so any `crit` is refused.
/// - RFC 7515 §4, RFC 7519 §4: a header or claims set with a name given twice is refused (the RFCs allow only
///   refusing or taking the last; another parser would take the last, so taking the first would differ).
public enum StrictJWT {
    /// Checks the compact serialization's header and payload; throws the first rule broken.
    public static func check(_ token: String) throws(StrictJWTError) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformed("a JWT has three parts") }
        guard let header = Base64URL.decode(String(parts[0])), let headerNames = JSONObjectKeys.topLevel(header) else {
            throw .malformed("the header is not one base64url JSON object")
        }
        guard let payload = Base64URL.decode(String(parts[1])), let claimNames = JSONObjectKeys.topLevel(payload) else {
            throw .malformed("the payload is not one base64url JSON object")
        }
        if let name = firstDuplicate(headerNames) { throw .duplicateName("the header gives \(name) twice") }
        if let name = firstDuplicate(claimNames) { throw .duplicateName("the claims give \(name) twice") }
        if headerNames.contains("crit") { throw .criticalExtension("crit names extensions this server does not understand") }
    }

    static func firstDuplicate(_ names: [String]) -> String? {
        var seen = Set<String>()
        return names.first { !seen.insert($0).inserted }
    }
}
