/// Where the store lives, parsed from `database_url`.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    /// `sqlite://data/portvakt.sqlite` (relative to the working directory), `sqlite:///var/lib/portvakt.sqlite`,
    /// or `sqlite://:memory:` for a store that lives only as long as the process.
    case sqlite(path: String)
    /// `postgres://user:password@host:port/database[?sslmode=disable|require]`.
    case postgres(PostgresLocation)

    public struct PostgresLocation: Sendable, Equatable {
        public enum TLSMode: String, Sendable, Equatable { case disable, require }
        public var host: String
        public var port: Int
        public var username: String
        public var password: String?
        public var database: String
        public var tls: TLSMode
    }

    /// The URL without its password, safe for logs and error messages.
    public var description: String {
        switch self {
        case .sqlite(let path):
            return "sqlite://\(path)"
        case .postgres(let pg):
            let auth = pg.password == nil ? pg.username : "\(pg.username):***"
            return "postgres://\(auth)@\(pg.host):\(pg.port)/\(pg.database)"
        }
    }

    /// Parses a database URL; the error message says what is wrong, without echoing a password.
    public static func parse(_ url: String) -> Result<DatabaseLocation, ConfigurationMessage> {
        if url.hasPrefix("sqlite://") {
            let path = String(url.dropFirst("sqlite://".count))
            guard !path.isEmpty else { return .failure("a sqlite URL needs a file path, as in sqlite://data/portvakt.sqlite") }
            return .success(.sqlite(path: path))
        }
        for scheme in ["postgres://", "postgresql://"] where url.hasPrefix(scheme) {
            return parsePostgres(String(url.dropFirst(scheme.count)))
        }
        return .failure("expected a URL starting with sqlite:// or postgres://")
    }

    private static func parsePostgres(_ rest: String) -> Result<DatabaseLocation, ConfigurationMessage> {
        let format = "expected postgres://user:password@host:port/database"
        var remainder = Substring(rest)
        var query: Substring = ""
        if let mark = remainder.firstIndex(of: "?") {
            query = remainder[remainder.index(after: mark)...]
            remainder = remainder[..<mark]
        }
        guard let at = remainder.lastIndex(of: "@") else { return .failure("\(format) (no user)") }
        let userInfo = remainder[..<at]
        let hostAndPath = remainder[remainder.index(after: at)...]
        guard let slash = hostAndPath.firstIndex(of: "/") else { return .failure(ConfigurationMessage(format + " (no database name)")) }
        let database = String(hostAndPath[hostAndPath.index(after: slash)...])
        let hostPort = hostAndPath[..<slash]
        var host = String(hostPort)
        var port = 5432
        if let colon = hostPort.lastIndex(of: ":"), !hostPort.hasSuffix("]") {
            host = String(hostPort[..<colon])
            guard let parsed = Int(hostPort[hostPort.index(after: colon)...]), (1...65535).contains(parsed) else {
                return .failure("the port must be a number from 1 to 65535")
            }
            port = parsed
        }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        var rawPassword: String?
        var rawUsername = String(userInfo)
        if let colon = userInfo.firstIndex(of: ":") {
            rawUsername = String(userInfo[..<colon])
            rawPassword = String(userInfo[userInfo.index(after: colon)...])
        }
        guard let username = rawUsername.removingPercentEncoding, let database = database.removingPercentEncoding else {
            return .failure("the user or database name is not valid percent-encoding")
        }
        var password: String?
        if let rawPassword {
            guard let decoded = rawPassword.removingPercentEncoding else {
                return .failure("the password is not valid percent-encoding (write % as %25)")
            }
            password = decoded
        }
        guard !username.isEmpty, !host.isEmpty, !database.isEmpty else { return .failure(ConfigurationMessage(format)) }
        var tls = PostgresLocation.TLSMode.disable
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0] == "sslmode", let mode = PostgresLocation.TLSMode(rawValue: parts[1]) else {
                return .failure("the only query parameter understood is sslmode=disable|require")
            }
            tls = mode
        }
        return .success(.postgres(PostgresLocation(
            host: host, port: port, username: username, password: password,
            database: database, tls: tls)))
    }
}
