import Foundation

/// One setting: its place in `conf/portvakt.json`, its environment override, and how its value is read.
struct Setting: Sendable {
    enum Kind: Sendable {
        case string
        case seconds(ClosedRange<Int>)
        /// A whole number in the range, such as a count of connections.
        case count(ClosedRange<Int>)
        case algorithms
    }

    let path: String
    let environment: String?
    let kind: Kind

    static let all: [Setting] = [
        Setting(path: "issuer", environment: "PORTVAKT_ISSUER", kind: .string),
        Setting(path: "listen", environment: "PORTVAKT_LISTEN", kind: .string),
        Setting(path: "database_url", environment: "PORTVAKT_DATABASE_URL", kind: .string),
        Setting(path: "database_pool_size", environment: "PORTVAKT_DATABASE_POOL_SIZE", kind: .count(1...200)),
        Setting(path: "kek_file", environment: "PORTVAKT_KEK_FILE", kind: .string),
        Setting(path: "log_level", environment: "PORTVAKT_LOG_LEVEL", kind: .string),
        Setting(path: "trusted_proxies", environment: "PORTVAKT_TRUSTED_PROXIES", kind: .string),
        Setting(path: "keys.algorithms", environment: "PORTVAKT_SIGNING_ALGORITHMS", kind: .algorithms),
        Setting(path: "keys.jwks_max_age", environment: "PORTVAKT_JWKS_MAX_AGE", kind: .seconds(60...604_800)),
        Setting(path: "keys.refresh_interval", environment: "PORTVAKT_KEY_REFRESH_INTERVAL", kind: .seconds(1...3600)),
        Setting(path: "tokens.id_token_lifetime", environment: "PORTVAKT_ID_TOKEN_LIFETIME", kind: .seconds(30...86_400)),
        Setting(path: "tokens.access_token_lifetime", environment: "PORTVAKT_ACCESS_TOKEN_LIFETIME", kind: .seconds(30...86_400)),
        Setting(path: "tokens.refresh_token_lifetime", environment: "PORTVAKT_REFRESH_TOKEN_LIFETIME", kind: .seconds(60...31_536_000)),
        Setting(path: "sessions.idle_timeout", environment: "PORTVAKT_SESSION_IDLE_TIMEOUT", kind: .seconds(60...604_800)),
        Setting(path: "sessions.absolute_timeout", environment: "PORTVAKT_SESSION_ABSOLUTE_TIMEOUT", kind: .seconds(300...2_592_000)),
        Setting(path: "retention.audit_log", environment: "PORTVAKT_RETENTION_AUDIT_LOG", kind: .seconds(86_400...315_360_000)),
        Setting(path: "retention.ended_grants", environment: "PORTVAKT_RETENTION_ENDED_GRANTS", kind: .seconds(3600...31_536_000)),
        Setting(path: "retention.sent_mail", environment: "PORTVAKT_RETENTION_SENT_MAIL", kind: .seconds(3600...31_536_000)),
        Setting(path: "retention.consents", environment: "PORTVAKT_RETENTION_CONSENTS", kind: .seconds(86_400...315_360_000)),
        Setting(path: "mail.from", environment: "PORTVAKT_MAIL_FROM", kind: .string),
        Setting(path: "mail.smtp_url", environment: "PORTVAKT_SMTP_URL", kind: .string),
        Setting(path: "mail.mailbox_dir", environment: "PORTVAKT_MAILBOX_DIR", kind: .string),
        Setting(path: "mail.smtp_ca_file", environment: "PORTVAKT_SMTP_CA_FILE", kind: .string),
        Setting(path: "bankid.url", environment: "PORTVAKT_BANKID_URL", kind: .string),
        Setting(path: "bankid.client_cert", environment: "PORTVAKT_BANKID_CLIENT_CERT", kind: .string),
        Setting(path: "bankid.client_key", environment: "PORTVAKT_BANKID_CLIENT_KEY", kind: .string),
        Setting(path: "bankid.ca_file", environment: "PORTVAKT_BANKID_CA_FILE", kind: .string),
        Setting(path: "bankid.identities_file", environment: "PORTVAKT_BANKID_IDENTITIES_FILE", kind: .string),
        Setting(path: "bankid.same_device_ip_check", environment: "PORTVAKT_BANKID_SAME_DEVICE_IP_CHECK", kind: .string),
        Setting(path: "ui.service_name", environment: "PORTVAKT_UI_SERVICE_NAME", kind: .string),
        Setting(path: "ui.organisation", environment: "PORTVAKT_UI_ORGANISATION", kind: .string),
        Setting(path: "ui.logo_file", environment: "PORTVAKT_UI_LOGO_FILE", kind: .string),
        Setting(path: "ui.primary_color", environment: "PORTVAKT_UI_PRIMARY_COLOR", kind: .string),
        Setting(path: "ui.support_url", environment: "PORTVAKT_UI_SUPPORT_URL", kind: .string),
        Setting(path: "staff.login_methods", environment: "PORTVAKT_STAFF_LOGIN_METHODS", kind: .string),
        Setting(path: "applications.customer_numbers", environment: "PORTVAKT_APPLICATIONS_CUSTOMER_NUMBERS", kind: .string),
    ]

    /// Environment variables that are read elsewhere, not settings of the file.
    static let otherEnvironment: Set<String> = ["PORTVAKT_CONFIG", "PORTVAKT_KEK"]
    /// Prefixes Portvakt leaves alone: the test suite's own variables.
    static let ignoredEnvironmentPrefixes = ["PORTVAKT_TEST_"]

    static let defaults: [String: JSONValue] = [
        "issuer": .string("http://localhost:8080"),
        "listen": .string("127.0.0.1:8080"),
        "database_url": .string("sqlite://data/portvakt.sqlite"),
        "database_pool_size": .number(Double(Configuration.defaultDatabasePoolSize)),
        "kek_file": .string("keys/kek"),
        "log_level": .string("info"),
        "trusted_proxies": .string(""),
        "keys.algorithms": .array([.string("RS256"), .string("ES256"), .string("EdDSA")]),
        "keys.jwks_max_age": .number(3600),
        "keys.refresh_interval": .number(10),
        "tokens.id_token_lifetime": .number(600),
        "tokens.access_token_lifetime": .number(600),
        "tokens.refresh_token_lifetime": .number(2_592_000),
        "retention.audit_log": .number(34_560_000),
        "retention.ended_grants": .number(2_592_000),
        "retention.sent_mail": .number(604_800),
        "retention.consents": .number(34_560_000),
        "sessions.idle_timeout": .number(3600),
        "sessions.absolute_timeout": .number(43_200),
        "mail.from": .string("Mina sidor <noreply@localhost>"),
        "mail.smtp_url": .string(""),
        "mail.mailbox_dir": .string("data/mailbox"),
        "mail.smtp_ca_file": .string(""),
        "bankid.url": .string("simulator"),
        "bankid.client_cert": .string(""),
        "bankid.client_key": .string(""),
        "bankid.ca_file": .string(""),
        "bankid.identities_file": .string("conf/bankid-test-identities.json"),
        "bankid.same_device_ip_check": .string("refuse"),
        "ui.service_name": .string("Mina sidor"),
        "ui.organisation": .string(""),
        "ui.logo_file": .string(""),
        "ui.primary_color": .string("#2d6a4f"),
        "ui.support_url": .string(""),
        "staff.login_methods": .string("bankid"),
        "applications.customer_numbers": .string("9000000-9999999"),
    ]
}
