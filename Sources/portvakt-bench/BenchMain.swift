import Foundation
import PortvaktCore
import PortvaktCrypto

/// Measures what token issuance costs against the signature it contains, per algorithm: the bare signature,
/// then a whole access token plus ID token as the token endpoint builds them. Run it from a release build:
///
///     swift run -c release portvakt-bench [SECONDS]
///
/// It prints operations per second; nothing here is asserted (performance is watched, never a test condition).
@main
struct BenchMain {
    static func main() throws {
        let seconds = Double(CommandLine.arguments.dropFirst().first ?? "2") ?? 2
        let factory = TokenFactory(issuer: "https://login.example.se", idTokenLifetime: 600, accessTokenLifetime: 600)
        let profile = UserProfile(subject: "acc-1", givenName: "Anna", familyName: "Svensson", email: "anna@pantbutiken.se", emailVerified: true, locale: "sv")
        let grant = GrantContext(
            grantID: "g1", clientID: "portal", subject: "acc-1", scopes: ["openid", "profile", "email"], authTime: Date(), acr: "urn:portvakt:acr:mfa",
            amr: ["pwd", "otp", "mfa"], sid: "sid-1", nonce: "n-0S6_WzA2Mj", idTokenClaims: ["name"])
        print("algorithm  signatures/s  token pairs/s  (2 signatures per pair)  pair cost vs 2 signatures")
        for algorithm in SigningAlgorithm.allCases {
            let signer = try SigningKeyMaterial.generate(algorithm).signer(kid: "bench")
            let input = Array("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhY2MtMSJ9".utf8)
            let signatures = try rate(seconds) { _ = try signer.signature(for: input) }
            let pairs = try rate(seconds) {
                let access = try factory.accessToken(grant, jti: "j1", now: Date(), signer: signer)
                _ = try factory.idToken(grant, profile: profile, accessToken: access, now: Date(), signer: signer)
            }
            let overhead = (signatures / 2) / pairs
            print(String(format: "%-9@  %12.0f  %13.0f  %41.2fx", algorithm.rawValue as NSString, signatures, pairs, overhead))
        }
    }

    /// Runs `body` repeatedly for about `seconds` and returns runs per second.
    static func rate(_ seconds: Double, _ body: () throws -> Void) throws -> Double {
        var runs = 0
        let start = ContinuousClock.now
        let limit = Duration.milliseconds(Int64(seconds * 1000))
        while ContinuousClock.now - start < limit {
            try body()
            runs += 1
        }
        let elapsed = ContinuousClock.now - start
        return Double(runs) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
