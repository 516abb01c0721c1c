import Foundation
import Hummingbird
import PortvaktCore

/// `/.well-known/openid-configuration` and the `jwks_uri`, both served from bytes encoded ahead of the requests:
/// discovery once (it changes only with the configuration), the JWKS whenever the key ring's keys change.
struct WellKnownController<Keys: JWKSSource> {
    let discovery: DiscoveryDocument
    let keys: Keys
    let jwksMaxAge: Int

    func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        let discoveryDocument = PreparedDocument(Self.encode(discovery))
        router.get(RouterPath(Endpoints.discovery)) { request, _ in
            discoveryDocument.response(to: request, cacheControl: "public, max-age=300")
        }
        let keys = self.keys
        let cacheControl = "public, max-age=\(jwksMaxAge)"
        router.get(RouterPath(Endpoints.jwks)) { request, _ in
            keys.jwks.response(to: request, cacheControl: cacheControl)
        }
    }

    private static func encode(_ document: DiscoveryDocument) -> Data {
        // A struct of strings and lists always encodes.
        try! CanonicalJSON.encode(document)
    }
}
