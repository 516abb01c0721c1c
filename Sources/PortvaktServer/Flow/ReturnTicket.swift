import Foundation
import PortvaktCore

/// A return target carried through login or sign-up (`?return=` and the forms' hidden field), bound to the
/// browser that was sent to log in, the way pending authorization requests are: an HMAC under a key derived
/// from the KEK over the browser cookie's digest and the path. A link with someone else's target, or a target
/// changed by hand, is ignored.
enum ReturnTicket {
    static func seal(_ target: ReturnTarget, key: [UInt8], browser: [UInt8]) -> String {
        BrowserSeal.seal(Array(target.path.utf8), purpose: "return", key: key, browser: browser)
    }

    static func open(_ text: String?, key: [UInt8], browser: [UInt8]) -> ReturnTarget? {
        guard let bytes = BrowserSeal.open(text, purpose: "return", key: key, browser: browser, maximumLength: 1024),
            let path = String(bytes: bytes, encoding: .utf8)
        else { return nil }
        return ReturnTarget(path)
    }
}
