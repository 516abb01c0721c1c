/// Where mail is delivered, parsed from `mail.smtp_url`:
/// `smtp://[user:password@]host[:port][?starttls=required]` (STARTTLS when the server offers it, or insisted on),
/// or `smtps://[user:password@]host[:port]` (TLS from the first byte).
public struct SMTPLocation: Sendable, Equatable, CustomStringConvertible {
    public enum Security: Sendable, Equatable {
        case startTLSIfOffered
        case startTLSRequired
        case implicitTLS
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?

    public init(host: String, port: Int, security: Security, username: String? = nil, password: String? = nil) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
    }

    /// Without the password, for logs.
    public var description: String {
        let scheme = security == .implicitTLS ? "smtps" : "smtp"
        return "\(scheme)://\(username.map { "\($0)@" } ?? "")\(host):\(port)"
    }

    public static func parse(_ url: String) -> Result<SMTPLocation, ConfigurationMessage> {
        let format = "expected smtp://[user:password@]host[:port][?starttls=required] or smtps://..."
        let implicit: Bool
        var rest: Substring
        if url.hasPrefix("smtps://") {
            implicit = true
            rest = url.dropFirst("smtps://".count)
        } else if url.hasPrefix("smtp://") {
            implicit = false
            rest = url.dropFirst("smtp://".count)
        } else {
            return .failure(ConfigurationMessage(format))
        }
        var security: Security = implicit ? .implicitTLS : .startTLSIfOffered
        if let mark = rest.firstIndex(of: "?") {
            let query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
            guard !implicit, query == "starttls=required" else { return .failure("the only option is ?starttls=required, with smtp://") }
            security = .startTLSRequired
        }
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        var username: String?
        var password: String?
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
            let parts = userInfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard let user = String(parts[0]).removingPercentEncoding, !user.isEmpty,
                let secret = parts.count > 1 ? String(parts[1]).removingPercentEncoding : ""
            else { return .failure("the user or password is not valid percent-encoding") }
            username = user
            password = parts.count > 1 ? secret : nil
        }
        var host = String(rest)
        var port = implicit ? 465 : 587
        if let colon = rest.lastIndex(of: ":"), !rest.hasSuffix("]") {
            guard let parsed = Int(rest[rest.index(after: colon)...]), (1...65535).contains(parsed) else {
                return .failure("the port must be a number from 1 to 65535")
            }
            host = String(rest[..<colon])
            port = parsed
        }
        guard !host.isEmpty, !host.contains("/") else { return .failure(ConfigurationMessage(format)) }
        return .success(SMTPLocation(host: host, port: port, security: security, username: username, password: password))
    }
}

import Foundation
