import PortvaktStore

/// Who calls with a bearer access token: its verified claims' grant (not revoked), the account it acts for, and
/// its scopes.
struct BearerCaller: Sendable {
    var grant: Grant
    var accountID: String
    var clientID: String
    var scopes: [String]
}
