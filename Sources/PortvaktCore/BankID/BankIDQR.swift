import Crypto
import Foundation

/// The animated QR code's content (BankID RP API v6): `bankid.<qrStartToken>.<qrTime>.<qrAuthCode>`, where
/// `qrTime` is the whole seconds since the order was started and `qrAuthCode` the lowercase hex
/// HMAC-SHA256 of `qrTime` under the ASCII of `qrStartSecret`. Made on the server every second; the secret
/// never reaches the browser.
public enum BankIDQR {
    public static func content(token: String, secret: String, seconds: Int) -> String {
        "bankid.\(token).\(seconds).\(authCode(secret: secret, seconds: seconds))"
    }

    public static func authCode(secret: String, seconds: Int) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(String(seconds).utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return code.map { String(format: "%02x", $0) }.joined()
    }

    /// The parts of a scanned content, if it has the form.
    public static func parse(_ content: String) -> (token: String, seconds: Int, authCode: String)? {
        let parts = content.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "bankid", let seconds = Int(parts[2]), seconds >= 0, String(seconds) == parts[2],
            parts[3].count == 64
        else { return nil }
        return (String(parts[1]), seconds, String(parts[3]))
    }
}
