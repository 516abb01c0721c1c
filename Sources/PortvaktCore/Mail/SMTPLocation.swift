import Foundation

/// Where mail is delivered, parsed from `mail.smtp_url`:
/// `smtp://[user:password@]host[:port][?starttls=required|none]` or `smtps://[user:password@]host[:port]` (TLS
/// from the first byte). With `smtp://`, STARTTLS is required by default; a loopback host may do without it when
/// the server does not offer it, and `?starttls=none` is the explicit choice of a local relay without TLS, which
/// takes no credentials. Credentials (`AUTH`) are never sent over a connection that is not encrypted.
public struct SMTPLocation: Sendable, Equatable, CustomStringConvertible {
    public enum Security: Sendable, Equatable {
        /// Only for a loopback host: STARTTLS when offered, else the connection stays in the clear (and no AUTH).
        case startTLSIfOffered
        case startTLSRequired
        /// `?starttls=none`: a local relay in the clear, without credentials.
        case none
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
        let format = "expected smtp://[user:password@]host[:port][?starttls=required|none] or smtps://..."
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
        var chosen: Security?
        if let mark = rest.firstIndex(of: "?") {
            let query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
            switch query {
            case "starttls=required" where !implicit: chosen = .startTLSRequired
            case "starttls=none" where !implicit: chosen = Security.none
            default: return .failure("the only options are ?starttls=required and ?starttls=none, with smtp://")
            }
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
        let security = chosen ?? (implicit ? .implicitTLS : isLoopback(host) ? .startTLSIfOffered : .startTLSRequired)
        if security == .none && username != nil {
            return .failure("credentials are never sent without TLS: drop ?starttls=none or the user and password")
        }
        return .success(SMTPLocation(host: host, port: port, security: security, username: username, password: password))
    }

    /// `localhost`, 127.0.0.0/8 or `::1`: a relay on this machine, where the connection never leaves it.
    static func isLoopback(_ host: String) -> Bool {
        let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if name == "localhost" || name == "::1" { return true }
        let octets = name.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
