import Foundation
import Testing

@testable import PortvaktCore

@Suite struct ConfigurationTests {
    func load(_ json: String? = nil, env: [String: String] = [:]) throws(ConfigurationError) -> Configuration {
        try Configuration.load(file: json.map { ("conf/portvakt.json", Data($0.utf8)) }, environment: env)
    }

    func error(_ json: String? = nil, env: [String: String] = [:]) -> ConfigurationError? {
        #expect(throws: ConfigurationError.self) { try load(json, env: env) }
    }

    @Test func defaultsAreTheDocumentedOnes() throws {
        let configuration = try load()
        #expect(configuration.issuer == "http://localhost:8080")
        #expect(configuration.listen == .init(host: "127.0.0.1", port: 8080))
        #expect(configuration.database == .sqlite(path: "data/portvakt.sqlite"))
        #expect(configuration.kek == .file(path: "keys/kek"))
        #expect(configuration.keys.algorithms == [.rs256, .es256, .eddsa])
        #expect(configuration.keys.jwksMaxAge == 3600)
        #expect(Configuration.defaults == configuration)
    }

    @Test func theCheckedInFileIsValidAndMatchesTheDefaults() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../conf/portvakt.json")
        let contents = try Data(contentsOf: url)
        #expect(try Configuration.load(file: ("conf/portvakt.json", contents), environment: [:]) == Configuration.defaults)
    }

    @Test func fileValuesAreRead() throws {
        let configuration = try load(#"{"issuer": "https://login.example.se/", "keys": {"jwks_max_age": 600, "algorithms": ["RS256"]}}"#)
        #expect(configuration.issuer == "https://login.example.se")
        #expect(configuration.keys.jwksMaxAge == 600)
        #expect(configuration.keys.algorithms == [.rs256])
        #expect(configuration.issuerIsHTTPS)
    }

    @Test func retentionIsASettingWithBounds() throws {
        #expect(try load().retention.auditLog == 400 * 86_400)
        let configuration = try load(#"{"retention": {"audit_log": 63072000, "consents": 86400}, "tokens": {"refresh_token_lifetime": 86400}}"#,
                                     env: ["PORTVAKT_RETENTION_SENT_MAIL": "3600"])
        #expect(configuration.retention.auditLog == 730 * 86_400)
        #expect(configuration.retention.consent == 86_400)
        #expect(configuration.retention.sentMail == 3600)
        #expect(configuration.retention.grantLifetime == 2 * 86_400, "a grant outlives its refresh tokens by a day")
        #expect(error(#"{"retention": {"audit_log": 60}}"#)?.setting == "retention.audit_log")
        #expect(error(#"{"retention": {"forever": 1}}"#) != nil, "an unknown key stops start-up")
    }

    @Test func theIssuersSchemeAndHostAreWrittenOneWay() throws {
        let configuration = try load(#"{"issuer": "HTTPS://Login.Example.SE/Portvakt/"}"#)
        #expect(configuration.issuer == "https://login.example.se/Portvakt")
        #expect(configuration.issuerIsHTTPS)
    }

    @Test func aBadlyEncodedDatabasePasswordIsRefusedNotDropped() {
        #expect(error(#"{"database_url": "postgres://pv:100%@db/portvakt"}"#)?.message.contains("percent-encoding") == true)
        #expect(try! load(#"{"database_url": "postgres://pv:a%40b@db/portvakt"}"#).database
            == .postgres(.init(host: "db", port: 5432, username: "pv", password: "a@b", database: "portvakt", tls: .disable)))
    }

    @Test func environmentOverridesTheFile() throws {
        let configuration = try load(
            #"{"listen": "127.0.0.1:9000"}"#,
            env: [
                "PORTVAKT_LISTEN": "0.0.0.0:9443", "PORTVAKT_ISSUER": "https://id.example.se",
                "PORTVAKT_DATABASE_URL": "postgres://pv:s3cret@db.internal:6543/portvakt?sslmode=require",
                "PORTVAKT_SIGNING_ALGORITHMS": "RS256, EdDSA", "PORTVAKT_KEY_REFRESH_INTERVAL": "2",
                "PORTVAKT_TEST_POSTGRES_URL": "ignored", "PORTVAKT_CONFIG": "read by the CLI",
            ])
        #expect(configuration.listen == .init(host: "0.0.0.0", port: 9443))
        #expect(configuration.issuer == "https://id.example.se")
        #expect(configuration.keys.algorithms == [.rs256, .eddsa])
        #expect(configuration.keys.refreshInterval == 2)
        guard case .postgres(let pg) = configuration.database else { Issue.record("not postgres"); return }
        #expect(pg == .init(host: "db.internal", port: 6543, username: "pv", password: "s3cret", database: "portvakt", tls: .require))
        #expect(!configuration.database.description.contains("s3cret"))
    }

    @Test func anUnknownKeyStopsStartUp() {
        let error = error(#"{"isuer": "https://x.example"}"#)
        #expect(error?.setting == "isuer")
        #expect(error?.description.contains("unknown setting") == true)
    }

    @Test func anUnknownNestedKeyStopsStartUp() {
        #expect(error(#"{"keys": {"max_age": 60}}"#)?.setting == "keys.max_age")
    }

    @Test func aWrongTypeStopsStartUp() {
        #expect(error(#"{"keys": {"jwks_max_age": "3600"}}"#)?.setting == "keys.jwks_max_age")
        #expect(error(#"{"issuer": 8080}"#)?.message.contains("expected a string") == true)
        #expect(error(#"{"keys": ["RS256"]}"#)?.setting == "keys")
        #expect(error(#"{"keys": {"refresh_interval": 1.5}}"#)?.setting == "keys.refresh_interval")
        #expect(error(#"["issuer"]"#)?.setting == "conf/portvakt.json")
    }

    @Test func theDatabasePoolSizeIsAWholeNumberInRange() throws {
        #expect(try load().databasePoolSize == 16)
        #expect(try load(#"{"database_pool_size": 4}"#).databasePoolSize == 4)
        #expect(try load(env: ["PORTVAKT_DATABASE_POOL_SIZE": "32"]).databasePoolSize == 32)
        #expect(error(#"{"database_pool_size": 0}"#)?.message == "must be from 1 to 200, got 0")
        #expect(error(#"{"database_pool_size": 2.5}"#)?.setting == "database_pool_size")
        #expect(error(#"{"database_pool_size": "8"}"#)?.setting == "database_pool_size")
        #expect(error(env: ["PORTVAKT_DATABASE_POOL_SIZE": "many"])?.setting == "PORTVAKT_DATABASE_POOL_SIZE (database_pool_size)")
    }

    @Test func invalidJSONNamesTheFile() {
        #expect(error(#"{"issuer": }"#)?.setting == "conf/portvakt.json")
    }

    @Test func anIssuerThatIsNotAnAbsoluteURLStopsStartUp() {
        for issuer in ["localhost:8080", "/login", "login.example.se", "ftp://login.example.se", ""] {
            #expect(error(#"{"issuer": "\#(issuer)"}"#)?.setting == "issuer", "\(issuer)")
        }
    }

    @Test func anIssuerWithQueryOrFragmentOrPlainHTTPElsewhereStopsStartUp() {
        #expect(error(#"{"issuer": "https://login.example.se?x=1"}"#)?.setting == "issuer")
        #expect(error(#"{"issuer": "https://login.example.se#top"}"#)?.setting == "issuer")
        #expect(error(#"{"issuer": "http://login.example.se"}"#)?.message.contains("https") == true)
        #expect(throws: Never.self) { try load(#"{"issuer": "http://127.0.0.1:8080"}"#) }
    }

    @Test func anUnknownEnvironmentVariableStopsStartUp() {
        #expect(error(env: ["PORTVAKT_LISTN": "127.0.0.1:1"])?.setting == "PORTVAKT_LISTN")
    }

    @Test func aBadEnvironmentValueNamesTheVariable() {
        let error = error(env: ["PORTVAKT_JWKS_MAX_AGE": "an hour"])
        #expect(error?.setting == "PORTVAKT_JWKS_MAX_AGE (keys.jwks_max_age)")
        #expect(self.error(env: ["PORTVAKT_ISSUER": "nope"])?.setting == "PORTVAKT_ISSUER (issuer)")
    }

    @Test func theSameDeviceIPCheckRefusesByDefaultAndMayOnlyAudit() throws {
        #expect(try load().bankID.sameDeviceIPCheck == .refuse)
        #expect(try load(#"{"bankid": {"same_device_ip_check": "audit"}}"#).bankID.sameDeviceIPCheck == .audit)
        #expect(try load(env: ["PORTVAKT_BANKID_SAME_DEVICE_IP_CHECK": "audit"]).bankID.sameDeviceIPCheck == .audit)
        let wrong = error(#"{"bankid": {"same_device_ip_check": "warn"}}"#)
        #expect(wrong?.setting == "bankid.same_device_ip_check" && wrong?.message.contains("\"refuse\" or \"audit\"") == true)
    }

    @Test func theUISettingsAreNeutralByDefaultAndABadValueStopsStartUpWithItsName() throws {
        let neutral = try load().ui
        #expect(neutral.serviceName == "Mina sidor" && neutral.organisation == nil && neutral.logoFile == nil && neutral.supportURL == nil)
        let themed = try load(#"""
            {"ui": {"service_name": "Mina sidor", "organisation": "Returpack", "logo_file": "conf/logo.svg", "primary_color": "#1D4E89",
                    "support_url": "https://returpack.example/kontakt"}}
            """#).ui
        #expect(themed.organisation == "Returpack" && themed.logoType == .svg && themed.primaryColor == "#1d4e89")
        #expect(themed.supportURL == "https://returpack.example/kontakt")
        #expect(try load(env: ["PORTVAKT_UI_ORGANISATION": "Returpack"]).ui.organisation == "Returpack")
        #expect(error(#"{"ui": {"primary_color": "green"}}"#)?.setting == "ui.primary_color")
        let pale = error(##"{"ui": {"primary_color": "#a8e6cf"}}"##)
        #expect(pale?.setting == "ui.primary_color" && pale?.message.contains("4.5:1") == true, "white text on it would be unreadable")
        #expect(error(#"{"ui": {"logo_file": "logo.gif"}}"#)?.setting == "ui.logo_file")
        #expect(error(#"{"ui": {"support_url": "javascript:alert(1)"}}"#)?.setting == "ui.support_url")
        #expect(error(#"{"ui": {"service_name": " "}}"#)?.setting == "ui.service_name")
        #expect(error(env: ["PORTVAKT_UI_PRIMARY_COLOR": "#fff"])?.setting == "PORTVAKT_UI_PRIMARY_COLOR (ui.primary_color)")
        #expect(abs((UI.contrastWithWhite("#000000") ?? 0) - 21) < 0.01)
    }

    @Test func outOfRangeSecondsAreRefused() {
        #expect(error(#"{"keys": {"jwks_max_age": 5}}"#)?.message.contains("from 60") == true)
        #expect(error(#"{"tokens": {"id_token_lifetime": 0}}"#)?.setting == "tokens.id_token_lifetime")
    }

    @Test func listenMustBeHostAndPort() {
        #expect(error(#"{"listen": "8080"}"#)?.setting == "listen")
        #expect(error(#"{"listen": "127.0.0.1:99999"}"#)?.setting == "listen")
        #expect(try! load(#"{"listen": "[::1]:8080"}"#).listen == .init(host: "::1", port: 8080))
    }

    @Test func databaseURLMustBeSQLiteOrPostgres() {
        #expect(error(#"{"database_url": "mysql://x@y/z"}"#)?.setting == "database_url")
        #expect(error(#"{"database_url": "postgres://host/db"}"#)?.setting == "database_url")
        #expect(error(#"{"database_url": "postgres://u@h:notaport/db"}"#)?.message.contains("port") == true)
        #expect(error(#"{"database_url": "sqlite://"}"#)?.setting == "database_url")
        #expect(try! load(#"{"database_url": "sqlite:///var/lib/portvakt/db.sqlite"}"#).database == .sqlite(path: "/var/lib/portvakt/db.sqlite"))
    }

    @Test func signingAlgorithmsMustBeKnownUniqueAndIncludeRS256() {
        #expect(error(#"{"keys": {"algorithms": ["ES256"]}}"#)?.message.contains("RS256") == true)
        #expect(error(#"{"keys": {"algorithms": ["RS256", "HS256"]}}"#)?.message.contains("HS256") == true)
        #expect(error(#"{"keys": {"algorithms": ["RS256", "RS256"]}}"#)?.message.contains("twice") == true)
        #expect(error(#"{"log_level": "loud"}"#)?.setting == "log_level")
    }

    @Test func anInlineKEKMustBe32BytesOfBase64() throws {
        #expect(error(env: ["PORTVAKT_KEK": "c2hvcnQ="])?.setting == "PORTVAKT_KEK")
        let key = Data(repeating: 7, count: 32).base64EncodedString()
        #expect(try load(env: ["PORTVAKT_KEK": key]).kek == .inline([UInt8](repeating: 7, count: 32)))
    }

    @Test func mailSettingsAreCheckedAndTheSMTPURLIsOptional() throws {
        #expect(try load().mail.smtp == nil)
        #expect(try load().mail.from == MailAddress(name: "Mina sidor", address: "noreply@localhost"))
        let smtp = try load(env: ["PORTVAKT_SMTP_URL": "smtps://pv:pw@mail.example.se"]).mail.smtp
        #expect(smtp == SMTPLocation(host: "mail.example.se", port: 465, security: .implicitTLS, username: "pv", password: "pw"))
        #expect(error(#"{"mail": {"smtp_url": "mail.example.se:25"}}"#)?.setting == "mail.smtp_url")
        #expect(error(#"{"mail": {"smtp_url": "smtp://pv:pw@relay.internal:25?starttls=none"}}"#)?.setting == "mail.smtp_url", "AUTH in the clear")
        #expect(try load(env: ["PORTVAKT_SMTP_URL": "smtp://mail.example.se"]).mail.smtp?.security == .startTLSRequired)
        #expect(error(env: ["PORTVAKT_MAIL_FROM": "not an address"])?.setting == "PORTVAKT_MAIL_FROM (mail.from)")
    }

    @Test func keyPolicyFollowsTheSettings() throws {
        let policy = try load(#"{"keys": {"jwks_max_age": 600, "refresh_interval": 5}, "tokens": {"access_token_lifetime": 900}}"#).keyPolicy
        #expect(policy.publicationDelay == 605)
        #expect(policy.retirementHorizon == 5 + 900 + 60)
    }

    @Test func staffLoginMethodsAreBankIDByDefaultAndMayAllowAPassword() throws {
        #expect(try load().staff.loginMethods == [.bankid])
        #expect(try load(#"{"staff": {"login_methods": "bankid, password"}}"#).staff.loginMethods == [.bankid, .password])
        #expect(try load(#"{"staff": {"login_methods": "password"}}"#).staff.loginMethods == [.password])
        #expect(try load(#"{"staff": {"login_methods": "bankid"}}"#, env: ["PORTVAKT_STAFF_LOGIN_METHODS": "password,bankid"]).staff.loginMethods
            == [.password, .bankid], "the environment overrides the file")
        for bad in ["", "bankid,bankid", "sms", "bankid,", "BankID"] {
            let wrong = error(#"{"staff": {"login_methods": "\#(bad)"}}"#)
            #expect(wrong?.setting == "staff.login_methods", "\(bad)")
        }
        #expect(error(env: ["PORTVAKT_STAFF_LOGIN_METHODS": "totp"])?.setting == "PORTVAKT_STAFF_LOGIN_METHODS (staff.login_methods)")
        #expect(error(#"{"staff": {"login_methods": ["bankid"]}}"#)?.setting == "staff.login_methods")
    }

    @Test func theApplicationsCustomerNumbersAreARangeOfEqualLengthNumbers() throws {
        #expect(try load().applications.customerNumbers == CustomerNumberRange(lower: 9_000_000, upper: 9_999_999, width: 7))
        #expect(try load(#"{"applications": {"customer_numbers": "0100000-0199999"}}"#).applications.customerNumbers
            == CustomerNumberRange(lower: 100_000, upper: 199_999, width: 7))
        #expect(try load(#"{"applications": {"customer_numbers": "0100000-0199999"}}"#,
                         env: ["PORTVAKT_APPLICATIONS_CUSTOMER_NUMBERS": "5000-5999"]).applications.customerNumbers
            == CustomerNumberRange(lower: 5000, upper: 5999, width: 4), "the environment overrides the file")
        for bad in ["", "9000000", "9999999-9000000", "900000-9999999", "123-456", "9000000-99999x9", "9000000 - 9999999 - 1"] {
            let wrong = error(#"{"applications": {"customer_numbers": "\#(bad)"}}"#)
            #expect(wrong?.setting == "applications.customer_numbers" && wrong?.message.contains("9000000-9999999") == true, "\(bad)")
        }
        #expect(error(env: ["PORTVAKT_APPLICATIONS_CUSTOMER_NUMBERS": "1-2"])?.setting
            == "PORTVAKT_APPLICATIONS_CUSTOMER_NUMBERS (applications.customer_numbers)")
    }
}
