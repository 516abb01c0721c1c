import Crypto
import Foundation

/// Seals a small value into a cookie with AES-256-GCM under the app's key: the browser keeps it but can neither
/// read nor change it. The purpose is bound in as authenticated data, so one cookie cannot stand in for another.
struct CookieSealer: Sendable {
    let key: SymmetricKey

    func seal<Value: Encodable>(_ value: Value, purpose: String) throws -> String {
        let box = try AES.GCM.seal(try JSONEncoder().encode(value), using: key, authenticating: Data(purpose.utf8))
        guard let combined = box.combined else { throw VerificationError(.state, "AES-GCM gave no combined form") }
        return Base64URL.encode(combined)
    }

    /// Nil for anything this key did not seal for this purpose.
    func open<Value: Decodable>(_ text: String, as: Value.Type, purpose: String) -> Value? {
        guard let data = Base64URL.decode(text), let box = try? AES.GCM.SealedBox(combined: data),
            let plain = try? AES.GCM.open(box, using: key, authenticating: Data(purpose.utf8))
        else { return nil }
        return try? JSONDecoder().decode(Value.self, from: plain)
    }
}
