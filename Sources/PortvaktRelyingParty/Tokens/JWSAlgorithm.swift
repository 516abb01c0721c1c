/// The signature algorithms a relying party may accept. Only asymmetric ones exist here: `none` and the HMAC
/// algorithms (which an attacker could "sign" with a published public key) cannot even be named.
public enum JWSAlgorithm: String, Sendable, CaseIterable, Codable {
    case rs256 = "RS256"
    case es256 = "ES256"
    case edDSA = "EdDSA"
}
