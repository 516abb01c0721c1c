import Foundation
import PortvaktCore

/// Lists and maps kept as JSON text, the same on both engines.
enum JSONText {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try CanonicalJSON.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        do {
            return try CanonicalJSON.decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError.corrupt("a stored JSON value is unreadable")
        }
    }
}
