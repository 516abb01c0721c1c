import Foundation
import Hummingbird
import PortvaktCore
import PortvaktCrypto

/// A random value in a cookie that ties pending authorization requests to the browser that started them: a
/// link to `/authorize/resume?request=…` (or the login and consent pages) opened in another browser leads
/// nowhere, so nobody can make someone else's session finish their request.
struct BrowserBinding: Sendable {
    let secure: Bool

    var cookieName: String { secure ? "__Host-portvakt-browser" : "portvakt-browser" }

    /// The digest of this browser's value; a new value (and its cookie) when the browser has none yet.
    func current(_ request: Request) -> (digest: [UInt8], newCookie: Cookie?) {
        if let value = request.cookies[cookieName]?.value, (40...64).contains(value.count) {
            return (Digest.sha256(value), nil)
        }
        let value = RandomToken.generate()
        return (Digest.sha256(value), Cookie(name: cookieName, value: value, path: "/", secure: secure, httpOnly: true, sameSite: .lax))
    }

    /// The digest of this browser's value, if it has one (forms posted without it are refused).
    func existing(_ request: Request) -> [UInt8]? {
        guard let value = request.cookies[cookieName]?.value, (40...64).contains(value.count) else { return nil }
        return Digest.sha256(value)
    }

    /// Whether `request` comes from the browser that started `pending`.
    func matches(_ request: Request, binding: [UInt8]) -> Bool {
        guard let value = request.cookies[cookieName]?.value else { return false }
        return ConstantTime.equal(Digest.sha256(value), binding)
    }
}
