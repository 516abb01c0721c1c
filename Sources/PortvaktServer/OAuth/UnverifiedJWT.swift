import Foundation
import JWTKit
import PortvaktCore

/// Reads a JWT's header or claims without verifying anything: only to find which keys to verify with, or to
/// check the header of a token jwt-kit has already verified.
enum UnverifiedJWT {
    static func header(_ token: String) -> [String: JSONValue]? { segment(token, 0) }
    static func claims(_ token: String) -> [String: JSONValue]? { segment(token, 1) }

    private static func segment(_ token: String, _ index: Int) -> [String: JSONValue]? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let bytes = Base64URL.decode(String(parts[index])) else { return nil }
        return try? JSONDecoder().decode([String: JSONValue].self, from: Data(bytes))
    }
}
