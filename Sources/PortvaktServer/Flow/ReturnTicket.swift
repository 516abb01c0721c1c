import Foundation
import PortvaktCore
import PortvaktCrypto

/// A return target carried through login or sign-up (`?return=` and the forms' hidden field), bound to the
/// browser that was sent to log in, the way pending authorization requests are: an HMAC under a key derived
/// from the KEK over the browser cookie's digest and the path. A link with someone else's target, or a target
/// changed by hand, is ignored.
enum ReturnTicket {
    static func seal(_ target: ReturnTarget, key: [UInt8], browser: [UInt8]) -> String {
        let payload = Base64URL.encode(Array(target.path.utf8))
        return payload + "." + MessageTag.tag(key: key, message: message(payload, browser: browser))
    }

    static func open(_ text: String?, key: [UInt8], browser: [UInt8]) -> ReturnTarget? {
        guard let text, text.count <= 1024 else { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, MessageTag.verify(String(parts[1]), key: key, message: message(String(parts[0]), browser: browser)),
            let bytes = Base64URL.decode(String(parts[0])), let path = String(bytes: bytes, encoding: .utf8)
        else { return nil }
        return ReturnTarget(path)
    }

    private static func message(_ payload: String, browser: [UInt8]) -> String {
        "return:\(Base64URL.encode(browser)):\(payload)"
    }
}
