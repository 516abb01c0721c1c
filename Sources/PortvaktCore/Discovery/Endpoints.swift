/// Paths Portvakt serves, under the issuer.
public enum Endpoints {
    public static let discovery = "/.well-known/openid-configuration"
    public static let jwks = "/.well-known/jwks.json"
    public static let health = "/healthz"
    public static let ready = "/readyz"
    public static let authorization = "/authorize"
    public static let token = "/token"
    public static let userinfo = "/userinfo"
    public static let revocation = "/revoke"
    public static let introspection = "/introspect"
    public static let endSession = "/logout"
}
