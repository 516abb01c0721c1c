/// The public half of a signing key as a JSON Web Key (RFC 7517/7518/8037). Private members never exist here.
public struct JWK: Codable, Sendable, Equatable {
    public var kty: String
    public var kid: String
    public var use: String
    public var alg: String
    // RSA
    public var n: String?
    public var e: String?
    // EC and OKP
    public var crv: String?
    public var x: String?
    public var y: String?

    public init(
        kty: String, kid: String, alg: SigningAlgorithm, n: String? = nil, e: String? = nil, crv: String? = nil,
        x: String? = nil, y: String? = nil
    ) {
        self.kty = kty
        self.kid = kid
        self.use = "sig"
        self.alg = alg.rawValue
        self.n = n
        self.e = e
        self.crv = crv
        self.x = x
        self.y = y
    }
}
