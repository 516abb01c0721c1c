import Foundation
import Hummingbird
import PortvaktCore

/// `/.well-known/openid-configuration` and the `jwks_uri`.
struct WellKnownController<Keys: JWKSSource> {
    let discovery: DiscoveryDocument
    let keys: Keys
    let jwksMaxAge: Int

    func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        let discoveryBody = ByteBuffer(data: Self.encode(discovery))
        router.get(RouterPath(Endpoints.discovery)) { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/json", .cacheControl: "public, max-age=300"],
                body: .init(byteBuffer: discoveryBody))
        }
        let keys = self.keys
        let cacheControl = "public, max-age=\(jwksMaxAge)"
        router.get(RouterPath(Endpoints.jwks)) { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/json", .cacheControl: cacheControl],
                body: .init(byteBuffer: ByteBuffer(data: keys.jwksDocument)))
        }
    }

    private static func encode(_ document: DiscoveryDocument) -> Data {
        // A struct of strings and lists always encodes.
        try! CanonicalJSON.encode(document)
    }
}

extension ByteBuffer {
    init(data: Data) {
        self.init(bytes: data)
    }
}
