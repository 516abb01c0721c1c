import PortvaktCore
import PortvaktCrypto

/// Bytes sealed for one browser: `base64url(payload).tag`, the tag an HMAC under a key derived from the KEK over
/// the purpose, the browser cookie's digest and the payload. It cannot be forged, changed, moved to another browser
/// or used for another purpose; it hides nothing. `FlowTicket` and `ReturnTicket` are sealed this way.
enum BrowserSeal {
    static func seal(_ payload: [UInt8], purpose: String, key: [UInt8], browser: [UInt8]) -> String {
        let encoded = Base64URL.encode(payload)
        return encoded + "." + MessageTag.tag(key: key, message: message(purpose, encoded, browser))
    }

    /// The payload of `text` if it was sealed for `purpose` in this browser and is no longer than `maximumLength`.
    static func open(_ text: String?, purpose: String, key: [UInt8], browser: [UInt8], maximumLength: Int) -> [UInt8]? {
        guard let text, text.count <= maximumLength else { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, MessageTag.verify(String(parts[1]), key: key, message: message(purpose, String(parts[0]), browser)) else {
            return nil
        }
        return Base64URL.decode(String(parts[0]))
    }

    private static func message(_ purpose: String, _ payload: String, _ browser: [UInt8]) -> String {
        "\(purpose):\(Base64URL.encode(browser)):\(payload)"
    }
}
