import Foundation

/// Everything Portvakt is configured with, validated. Built only by `Configuration.load`, so a value of this
/// type is always one Portvakt can start with.
public struct Configuration: Sendable, Equatable {
    public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
        public var host: String
        public var port: Int
        public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
    }

    /// Where the key-encryption key that seals private signing keys comes from.
    public enum KEKSource: Sendable, Equatable {
        /// A file holding the key in base64, created (mode 0600) on first start when missing.
        case file(path: String)
        /// The key itself, from `PORTVAKT_KEK`: 32 bytes.
        case inline([UInt8])
    }

    public struct Keys: Sendable, Equatable {
        /// One active key per algorithm; the first is the default for ID tokens.
        public var algorithms: [SigningAlgorithm]
        /// Seconds relying parties may cache the JWKS.
        public var jwksMaxAge: Int
        /// Seconds between reloads of the keys from the store on every node.
        public var refreshInterval: Int
    }

    public struct Tokens: Sendable, Equatable {
        public var idTokenLifetime: Int
        public var accessTokenLifetime: Int
        /// The absolute lifetime of a refresh-token family; rotation does not extend it.
        public var refreshTokenLifetime: Int
    }

    public struct Mail: Sendable, Equatable {
        /// The sender of every mail.
        public var from: MailAddress
        /// Where the local mailbox writes `.eml` files.
        public var mailboxDirectory: String
        /// The SMTP server; nil means the local mailbox (the embedded default).
        public var smtp: SMTPLocation?
        /// A PEM file of the certificates that sign the SMTP server's (a private CA); nil trusts the system's.
        public var smtpCAFile: String?
    }

    public struct Sessions: Sendable, Equatable {
        /// A single sign-on session ends after this many seconds without activity.
        public var idleTimeout: Int
        /// ...and after this many seconds in any case.
        public var absoluteTimeout: Int
    }

    /// `https://login.example.se`, without a trailing slash. Endpoint URLs are built under it.
    public var issuer: String
    public var listen: ListenAddress
    public var database: DatabaseLocation
    public var kek: KEKSource
    /// A swift-log level name: trace, debug, info, notice, warning, error or critical.
    public var logLevel: String
    public var keys: Keys
    public var tokens: Tokens
    public var sessions: Sessions
    public var mail: Mail
    /// How long rows that have done their work are kept (`retention.*`).
    public var retention = Retention(refreshTokenLifetime: 2_592_000)
    public struct BankID: Sendable, Equatable {
        /// Where the RP API is: nil when BankID is off, `.simulator` for the embedded simulator, or a base URL.
        public enum Service: Sendable, Equatable {
            case simulator
            case url(String)
        }

        public var service: Service?
        /// PEM files for mutual TLS against the real service: the RP certificate, its key, and the CA of BankID's
        /// server certificate.
        public var clientCertificateFile: String?
        public var clientKeyFile: String?
        public var caFile: String?
        /// The simulator's test identities.
        public var identitiesFile: String
        /// A same-device completion from another IP address than the browser's: refused, or only audited.
        public var sameDeviceIPCheck: BankIDSameDeviceIPCheck = .refuse
    }

    public var bankID = BankID(service: nil, identitiesFile: "conf/bankid-test-identities.json")

    /// What every page shows of the organisation behind the service (`ui`): neutral by default.
    public var ui = UI()
    /// The staff desk: the login methods a staff session may have used (`staff.login_methods`).
    public struct Staff: Sendable, Equatable {
        public var loginMethods: [StaffLoginMethod] = [.bankid]
    }
    public var staff = Staff()
    /// Applications from new customers: the customer numbers approvals take (`applications.customer_numbers`).
    public struct Applications: Sendable, Equatable {
        public var customerNumbers = CustomerNumberRange(lower: 9_000_000, upper: 9_999_999, width: 7)
    }
    public var applications = Applications()
    /// The most connections a node opens to PostgreSQL, or the read-only connections it opens beside SQLite's one
    /// writer (`database_pool_size`).
    public var databasePoolSize = Configuration.defaultDatabasePoolSize
    public static let defaultDatabasePoolSize = 16

    /// The reverse proxies whose `X-Forwarded-For` is believed: their peers' addresses are the clients'.
    public var trustedProxies: [String] = []

    /// The rotation timing these settings imply.
    public var keyPolicy: KeyPolicy {
        KeyPolicy(
            jwksMaxAge: keys.jwksMaxAge, refreshInterval: keys.refreshInterval,
            maxTokenLifetime: max(tokens.idTokenLifetime, tokens.accessTokenLifetime))
    }

    /// Whether the issuer is served over TLS, which decides HSTS and `Secure` cookies.
    public var issuerIsHTTPS: Bool { issuer.hasPrefix("https://") }

    /// Whether this is a developer's machine: a plain-http issuer and a listener both on loopback.
    public var isLocalDevelopment: Bool {
        let loopback: (String) -> Bool = { ["localhost", "127.0.0.1", "::1"].contains($0.lowercased()) }
        let issuerHost = URLComponents(string: issuer)?.host.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "[]")) } ?? ""
        return !issuerIsHTTPS && loopback(issuerHost) && loopback(listen.host)
    }

    /// An absolute URL under the issuer: `url("/.well-known/jwks.json")`.
    public func url(_ path: String) -> String { issuer + path }
}
