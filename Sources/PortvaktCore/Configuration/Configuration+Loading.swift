import Foundation

extension Configuration {
    /// The configuration Portvakt runs with when nothing is set.
    public static var defaults: Configuration {
        // The defaults are constants checked by the test suite; failing here would be a programming error.
        try! load(file: nil, environment: [:])
    }

    /// Reads the configuration file's contents (if any) and the environment, and validates every value.
    /// - Parameters:
    ///   - file: the name and contents of the configuration file, or nil to use only defaults and environment.
    ///   - environment: the process environment; `PORTVAKT_*` variables override the file.
    /// - Throws: `ConfigurationError` naming the first setting that is wrong.
    public static func load(file: (name: String, contents: Data)?, environment: [String: String]) throws(ConfigurationError) -> Configuration {
        var values = Setting.defaults
        var origin: [String: String] = [:]
        if let file {
            for (path, value) in try flatten(file: file) {
                values[path] = value
                origin[path] = path
            }
        }
        for (path, value, variable) in try overrides(from: environment) {
            values[path] = value
            origin[path] = "\(variable) (\(path))"
        }
        func name(_ path: String) -> String { origin[path] ?? path }
        func fail(_ path: String, _ message: String) -> ConfigurationError {
            ConfigurationError(setting: name(path), message: message)
        }

        func string(_ path: String) throws(ConfigurationError) -> String {
            guard case .string(let value)? = values[path] else {
                throw fail(path, "expected a string, got \(values[path]?.typeName ?? "nothing")")
            }
            return value
        }
        func seconds(_ path: String) throws(ConfigurationError) -> Int {
            guard case .seconds(let range)? = Setting.all.first(where: { $0.path == path })?.kind,
                case .number(let number)? = values[path], number == number.rounded(), let value = Int(exactly: number)
            else { throw fail(path, "expected a whole number of seconds, got \(describe(values[path]))") }
            guard range.contains(value) else {
                throw fail(path, "must be from \(range.lowerBound) to \(range.upperBound) seconds, got \(value)")
            }
            return value
        }

        func count(_ path: String) throws(ConfigurationError) -> Int {
            guard case .count(let range)? = Setting.all.first(where: { $0.path == path })?.kind,
                case .number(let number)? = values[path], number == number.rounded(), let value = Int(exactly: number)
            else { throw fail(path, "expected a whole number, got \(describe(values[path]))") }
            guard range.contains(value) else {
                throw fail(path, "must be from \(range.lowerBound) to \(range.upperBound), got \(value)")
            }
            return value
        }

        let issuer = try checkIssuer(string("issuer")).mapError { fail("issuer", $0.text) }.get()
        let listen = try parseListen(string("listen")).mapError { fail("listen", $0.text) }.get()
        let database = try DatabaseLocation.parse(string("database_url")).mapError { fail("database_url", $0.text) }.get()
        let logLevel = try string("log_level")
        let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
        guard levels.contains(logLevel) else {
            throw fail("log_level", "expected one of \(levels.joined(separator: ", ")), got \"\(logLevel)\"")
        }
        let kek: KEKSource
        if let inline = environment["PORTVAKT_KEK"] {
            guard let bytes = Data(base64Encoded: inline.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count == 32 else {
                throw ConfigurationError(setting: "PORTVAKT_KEK", message: "expected 32 bytes in base64 (44 characters)")
            }
            kek = .inline(Array(bytes))
        } else {
            let path = try string("kek_file")
            guard !path.isEmpty else { throw fail("kek_file", "must name a file") }
            kek = .file(path: path)
        }
        let algorithms = try parseAlgorithms(values["keys.algorithms"]).mapError { fail("keys.algorithms", $0.text) }.get()
        let proxies = try parseAddresses(string("trusted_proxies")).mapError { fail("trusted_proxies", $0.text) }.get()

        var configuration = Configuration(
            issuer: issuer, listen: listen, database: database, kek: kek, logLevel: logLevel,
            keys: Keys(
                algorithms: algorithms, jwksMaxAge: try seconds("keys.jwks_max_age"),
                refreshInterval: try seconds("keys.refresh_interval")),
            tokens: Tokens(
                idTokenLifetime: try seconds("tokens.id_token_lifetime"),
                accessTokenLifetime: try seconds("tokens.access_token_lifetime"),
                refreshTokenLifetime: try seconds("tokens.refresh_token_lifetime")),
            sessions: Sessions(
                idleTimeout: try seconds("sessions.idle_timeout"), absoluteTimeout: try seconds("sessions.absolute_timeout")),
            mail: Mail(
                from: try parseSender(string("mail.from")).mapError { fail("mail.from", $0.text) }.get(),
                mailboxDirectory: try nonEmpty(string("mail.mailbox_dir")).mapError { fail("mail.mailbox_dir", $0.text) }.get(),
                smtp: try optionalSMTP(string("mail.smtp_url")).mapError { fail("mail.smtp_url", $0.text) }.get(),
                smtpCAFile: try string("mail.smtp_ca_file").isEmpty ? nil : string("mail.smtp_ca_file")))
        configuration.trustedProxies = proxies
        var retention = Retention(refreshTokenLifetime: TimeInterval(configuration.tokens.refreshTokenLifetime))
        retention.auditLog = TimeInterval(try seconds("retention.audit_log"))
        retention.endedGrant = TimeInterval(try seconds("retention.ended_grants"))
        retention.sentMail = TimeInterval(try seconds("retention.sent_mail"))
        retention.consent = TimeInterval(try seconds("retention.consents"))
        configuration.retention = retention
        configuration.databasePoolSize = try count("database_pool_size")
        configuration.bankID = try parseBankID(string)
        configuration.staff.loginMethods = try StaffLoginMethod.parseList(string("staff.login_methods"))
            .mapError { fail("staff.login_methods", $0.text) }.get()
        configuration.applications.customerNumbers = try CustomerNumberRange.parse(string("applications.customer_numbers"))
            .mapError { fail("applications.customer_numbers", $0.text) }.get()
        configuration.ui = try UI.parse { (path: String) throws(ConfigurationError) -> (String, String) in (try string(path), name(path)) }
        return configuration
    }

    static func parseBankID(_ string: (String) throws(ConfigurationError) -> String) throws(ConfigurationError) -> BankID {
        func optional(_ key: String) throws(ConfigurationError) -> String? {
            let value = try string(key)
            return value.isEmpty ? nil : value
        }
        let url = try string("bankid.url")
        let service: BankID.Service?
        switch url {
        case "": service = nil
        case "simulator": service = .simulator
        default:
            let loopback = ["127.0.0.1", "localhost", "::1"].contains(URLComponents(string: url)?.host ?? "")
            guard let components = URLComponents(string: url), components.scheme == "https" || (components.scheme == "http" && loopback),
                components.host != nil, components.path.hasSuffix("/rp/v6.0/") || components.path.hasSuffix("/rp/v6.0")
            else {
                throw ConfigurationError(
                    setting: "bankid.url",
                    message: "expected \"simulator\", empty (off), or the RP API's https base, as in https://appapi2.test.bankid.com/rp/v6.0/")
            }
            service = .url(url)
        }
        let certificate = try optional("bankid.client_cert"), key = try optional("bankid.client_key")
        guard (certificate == nil) == (key == nil) else {
            throw ConfigurationError(setting: certificate == nil ? "bankid.client_cert" : "bankid.client_key", message: "set the certificate and its key together")
        }
        let check = try string("bankid.same_device_ip_check")
        guard let sameDeviceIPCheck = BankIDSameDeviceIPCheck(rawValue: check) else {
            throw ConfigurationError(setting: "bankid.same_device_ip_check", message: "expected \"refuse\" or \"audit\", not \"\(check)\"")
        }
        return BankID(
            service: service, clientCertificateFile: certificate, clientKeyFile: key, caFile: try optional("bankid.ca_file"),
            identitiesFile: try string("bankid.identities_file"), sameDeviceIPCheck: sameDeviceIPCheck)
    }

    /// A comma-separated list of IP addresses (IPv4 dotted or IPv6), as `127.0.0.1, ::1`.
    static func parseAddresses(_ value: String) -> Result<[String], ConfigurationMessage> {
        var addresses: [String] = []
        for item in value.split(separator: ",") {
            let address = item.trimmingCharacters(in: .whitespaces)
            guard ClientAddress.isIPAddress(address) else {
                return .failure("expected IP addresses separated by commas, as in 127.0.0.1, ::1 (got \(address))")
            }
            addresses.append(address)
        }
        return .success(addresses)
    }

    // MARK: - The file

    private static func flatten(file: (name: String, contents: Data)) throws(ConfigurationError) -> [String: JSONValue] {
        let document: JSONValue
        do {
            document = try JSONDecoder().decode(JSONValue.self, from: file.contents)
        } catch {
            throw ConfigurationError(setting: file.name, message: "is not valid JSON (\(jsonProblem(error)))")
        }
        guard case .object(let top) = document else {
            throw ConfigurationError(setting: file.name, message: "expected a JSON object at the top level")
        }
        let known = Set(Setting.all.map(\.path))
        let sections = Set(Setting.all.compactMap { $0.path.split(separator: ".").count > 1 ? String($0.path.split(separator: ".")[0]) : nil })
        var flat: [String: JSONValue] = [:]
        for (key, value) in top {
            if sections.contains(key) {
                guard case .object(let inner) = value else {
                    throw ConfigurationError(setting: key, message: "expected an object, got \(value.typeName)")
                }
                for (innerKey, innerValue) in inner {
                    let path = "\(key).\(innerKey)"
                    guard known.contains(path) else { throw unknown(path, in: file.name) }
                    flat[path] = innerValue
                }
            } else {
                guard known.contains(key) else { throw unknown(key, in: file.name) }
                flat[key] = value
            }
        }
        return flat
    }

    private static func unknown(_ path: String, in file: String) -> ConfigurationError {
        ConfigurationError(setting: path, message: "unknown setting in \(file) (known: \(Setting.all.map(\.path).joined(separator: ", ")))")
    }

    private static func jsonProblem(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String ?? context.debugDescription
        }
        return "\(error)"
    }

    // MARK: - The environment

    private static func overrides(from environment: [String: String]) throws(ConfigurationError) -> [(String, JSONValue, String)] {
        var result: [(String, JSONValue, String)] = []
        for (variable, raw) in environment.sorted(by: { $0.key < $1.key }) where variable.hasPrefix("PORTVAKT_") {
            if Setting.otherEnvironment.contains(variable) || Setting.ignoredEnvironmentPrefixes.contains(where: variable.hasPrefix) {
                continue
            }
            guard let setting = Setting.all.first(where: { $0.environment == variable }) else {
                let known = (Setting.all.compactMap(\.environment) + Setting.otherEnvironment.sorted()).joined(separator: ", ")
                throw ConfigurationError(setting: variable, message: "unknown environment variable (known: \(known))")
            }
            switch setting.kind {
            case .string:
                result.append((setting.path, .string(raw), variable))
            case .seconds:
                guard let number = Int(raw.trimmingCharacters(in: .whitespaces)) else {
                    throw ConfigurationError(setting: "\(variable) (\(setting.path))", message: "expected a whole number of seconds, got \"\(raw)\"")
                }
                result.append((setting.path, .number(Double(number)), variable))
            case .count:
                guard let number = Int(raw.trimmingCharacters(in: .whitespaces)) else {
                    throw ConfigurationError(setting: "\(variable) (\(setting.path))", message: "expected a whole number, got \"\(raw)\"")
                }
                result.append((setting.path, .number(Double(number)), variable))
            case .algorithms:
                let names = raw.split(separator: ",").map { JSONValue.string($0.trimmingCharacters(in: .whitespaces)) }
                result.append((setting.path, .array(names), variable))
            }
        }
        return result
    }

    // MARK: - Values

    static func checkIssuer(_ issuer: String) -> Result<String, ConfigurationMessage> {
        var value = issuer
        while value.hasSuffix("/") { value.removeLast() }
        guard let components = URLComponents(string: value), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else { return .failure("expected an absolute URL such as https://login.example.se, got \"\(issuer)\"") }
        guard components.query == nil, components.fragment == nil else {
            return .failure("must not carry a query or a fragment (OpenID Connect Discovery 1.0 §3)")
        }
        guard components.user == nil, components.password == nil else { return .failure("must not carry user information") }
        // Scheme and host are case-insensitive; `iss` is compared as a string, so publish one spelling.
        var normalized = components
        normalized.scheme = scheme
        normalized.host = host.lowercased()
        let canonical = normalized.string ?? value
        switch scheme {
        case "https":
            return .success(canonical)
        case "http" where ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host.lowercased()):
            return .success(canonical)
        case "http":
            return .failure("must use https unless the host is localhost or a loopback address")
        default:
            return .failure("expected an http or https URL, got \"\(issuer)\"")
        }
    }

    /// A `HOST:PORT` listen address, or nil (for the CLI's own `--listen` options).
    public static func listenAddress(_ listen: String) -> ListenAddress? {
        try? parseListen(listen).get()
    }

    static func parseListen(_ listen: String) -> Result<ListenAddress, ConfigurationMessage> {
        guard let colon = listen.lastIndex(of: ":") else { return .failure("expected HOST:PORT, as in 127.0.0.1:8080") }
        var host = String(listen[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { return .failure("expected HOST:PORT, as in 127.0.0.1:8080") }
        guard let port = Int(listen[listen.index(after: colon)...]), (1...65535).contains(port) else {
            return .failure("the port must be a number from 1 to 65535")
        }
        return .success(ListenAddress(host: host, port: port))
    }

    /// `Name <address>` or a bare address.
    static func parseSender(_ value: String) -> Result<MailAddress, ConfigurationMessage> {
        var address = MailAddress(address: value.trimmingCharacters(in: .whitespaces))
        if let open = value.lastIndex(of: "<"), value.hasSuffix(">") {
            let name = value[..<open].trimmingCharacters(in: .whitespaces)
            address = MailAddress(name: name.isEmpty ? nil : name, address: String(value[value.index(after: open)..<value.index(before: value.endIndex)]))
        }
        guard address.isPlausible || address.address.hasSuffix("@localhost") else {
            return .failure("expected an e-mail address, as in Mina sidor <noreply@example.se>")
        }
        return .success(address)
    }

    static func optionalSMTP(_ value: String) -> Result<SMTPLocation?, ConfigurationMessage> {
        value.isEmpty ? .success(nil) : SMTPLocation.parse(value).map { $0 }
    }

    static func nonEmpty(_ value: String) -> Result<String, ConfigurationMessage> {
        value.isEmpty ? .failure("must not be empty") : .success(value)
    }

    static func parseAlgorithms(_ value: JSONValue?) -> Result<[SigningAlgorithm], ConfigurationMessage> {
        guard case .array(let items)? = value else { return .failure("expected a list such as [\"RS256\", \"ES256\"]") }
        var algorithms: [SigningAlgorithm] = []
        for item in items {
            guard case .string(let name) = item, let algorithm = SigningAlgorithm(rawValue: name) else {
                return .failure("expected RS256, ES256 or EdDSA, got \(describe(item))")
            }
            guard !algorithms.contains(algorithm) else { return .failure("\(name) is listed twice") }
            algorithms.append(algorithm)
        }
        guard algorithms.contains(.rs256) else {
            return .failure("must include RS256, OpenID Connect's mandatory signing algorithm")
        }
        return .success(algorithms)
    }

    private static func describe(_ value: JSONValue?) -> String {
        switch value {
        case .string(let string)?: "\"\(string)\""
        case .number(let number)?: "\(number)"
        case let other?: other.typeName
        case nil: "nothing"
        }
    }
}
