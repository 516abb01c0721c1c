import COpenSSL

/// A libcrypto call that failed: which one, and OpenSSL's reason from this thread's error queue.
public struct OpenSSLError: Error, CustomStringConvertible {
    public let operation: String
    public let reason: String

    public var description: String { "OpenSSL: \(operation) failed: \(reason)" }

    /// The error for `operation`, with the reasons OpenSSL queued on this thread (the queue is emptied, so the
    /// next call starts clean), or `fallback` when it queued none.
    static func drain(_ operation: String, _ fallback: String) -> OpenSSLError {
        var reasons: [String] = []
        var code = ERR_get_error()
        while code != 0 {
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
            code = ERR_get_error()
        }
        return OpenSSLError(operation: operation, reason: reasons.isEmpty ? fallback : reasons.joined(separator: "; "))
    }
}
