import Crypto
import Foundation
import PortvaktCore

/// HMAC-SHA256 tags for values the server hands out and later checks (CSRF tokens).
public enum MessageTag {
    public static func tag(key: [UInt8], message: String) -> String {
        Base64URL.encode(HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: key)))
    }

    public static func verify(_ tag: String, key: [UInt8], message: String) -> Bool {
        ConstantTime.equal(Array(tag.utf8), Array(self.tag(key: key, message: message).utf8))
    }
}
