import Foundation
import Hummingbird
import PortvaktCore

/// Request parameters from the query or an `application/x-www-form-urlencoded` body.
enum FormParameters {
    static let maximumBodySize = 64 * 1024

    /// The query's parameters, decoded as form data ('+' is a space, as clients such as authlib send it).
    /// A parameter given twice is an error (RFC 6749 §3.1).
    static func query(_ request: Request) throws(OAuthError) -> [String: String] {
        try parse(request.uri.query ?? "")
    }

    /// The form body's parameters; anything but a form body is refused.
    static func body(_ request: Request) async throws -> [String: String] {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("application/x-www-form-urlencoded") else {
            throw OAuthError.invalidRequest("the body must be application/x-www-form-urlencoded")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maximumBodySize)
        } catch {
            throw OAuthError.invalidRequest("the body is too large")
        }
        return try parse(String(buffer: buffer))
    }

    static func parse(_ text: String) throws(OAuthError) -> [String: String] {
        var pairs: [(String, String)] = []
        for item in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), let value = decode(parts.count > 1 ? parts[1] : "") else {
                throw OAuthError.invalidRequest("the form body is not valid URL encoding")
            }
            pairs.append((name, value))
        }
        return try unique(pairs)
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    private static func unique(_ pairs: [(String, String)]) throws(OAuthError) -> [String: String] {
        var result: [String: String] = [:]
        for (name, value) in pairs {
            guard result[name] == nil else { throw OAuthError.invalidRequest("the parameter \(name) is given more than once") }
            // Empty values are treated as omitted (RFC 6749 §3.1).
            if !value.isEmpty { result[name] = value }
        }
        return result
    }
}
