import Foundation
import Testing

@testable import PortvaktCore

/// `StaffAccess.decide` as a table: each row is one staff session at one moment, and the decision it must get.
@Suite struct StaffAccessTests {
    static let login = Date(timeIntervalSince1970: 1_800_000_000)

    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var roles: Set<StaffRole> = [.reviewer]
        var amr = ["swk"]
        var allowed: [StaffLoginMethod] = [.bankid]
        /// Seconds from the login to now.
        var age: TimeInterval = 60
        /// Seconds from the previous desk request to now; nil for the first.
        var idle: TimeInterval? = 10
        var expected: StaffAccess.Decision

        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "a reviewer with BankID", expected: .allowed([.reviewer])),
        Row(name: "support with BankID", roles: [.support], expected: .allowed([.support])),
        Row(name: "both roles", roles: [.reviewer, .support], expected: .allowed([.reviewer, .support])),
        Row(name: "no staff role", roles: [], expected: .notStaff),
        Row(name: "no staff role, whatever else is wrong", roles: [], amr: ["pwd"], age: 86_400, idle: 86_400, expected: .notStaff),
        // The login method against staff.login_methods.
        Row(name: "a password where BankID is required", amr: ["pwd", "otp"], expected: .needsOtherLogin(allowed: [.bankid])),
        Row(name: "a password where passwords are allowed too", amr: ["pwd", "otp"], allowed: [.bankid, .password],
            expected: .allowed([.reviewer])),
        Row(name: "BankID where only passwords are allowed", allowed: [.password], expected: .needsOtherLogin(allowed: [.password])),
        Row(name: "an unknown method", amr: ["hwk"], allowed: [.bankid, .password], expected: .needsOtherLogin(allowed: [.bankid, .password])),
        Row(name: "no method at all", amr: [], expected: .needsOtherLogin(allowed: [.bankid])),
        Row(name: "a method before the age", amr: ["pwd"], age: 13 * 3600, expected: .needsOtherLogin(allowed: [.bankid])),
        // 12 hours from the login.
        Row(name: "exactly 12 hours old", age: 12 * 3600, expected: .allowed([.reviewer])),
        Row(name: "a second over 12 hours", age: 12 * 3600 + 1, expected: .tooOld),
        Row(name: "over 12 hours though just active", age: 12 * 3600 + 1, idle: 0, expected: .tooOld),
        Row(name: "the age before idleness", age: 13 * 3600, idle: 3600, expected: .tooOld),
        // 30 minutes without a desk request.
        Row(name: "idle exactly 30 minutes", idle: 30 * 60, expected: .allowed([.reviewer])),
        Row(name: "idle a second over 30 minutes", age: 3600, idle: 30 * 60 + 1, expected: .idle),
        Row(name: "the first desk request right after the login", age: 60, idle: nil, expected: .allowed([.reviewer])),
        Row(name: "the first desk request 30 minutes after the login", age: 30 * 60, idle: nil, expected: .allowed([.reviewer])),
        Row(name: "the first desk request of a session a second over 30 minutes old", age: 30 * 60 + 1, idle: nil, expected: .idle),
        Row(name: "the first desk request of an hour-old session", age: 3600, idle: nil, expected: .idle),
        Row(name: "the first desk request at 12 hours", age: 12 * 3600, idle: nil, expected: .idle),
    ]

    @Test(arguments: rows)
    func decides(_ row: Row) {
        let now = Self.login.addingTimeInterval(row.age)
        let decision = StaffAccess.decide(
            roles: row.roles, authTime: Self.login, amr: row.amr, lastDeskActivity: row.idle.map { now.addingTimeInterval(-$0) },
            allowed: row.allowed, now: now)
        #expect(decision == row.expected)
    }

    @Test(arguments: [(["swk"], StaffLoginMethod?.some(.bankid)), (["pwd", "otp"], .password), (["swk", "pwd"], .bankid), (["otp"], nil), ([], nil)])
    func theLoginMethodIsReadFromTheAMR(_ amr: [String], _ method: StaffLoginMethod?) {
        #expect(StaffLoginMethod.of(amr: amr) == method)
    }

    @Test(arguments: [
        ("bankid", Result<[StaffLoginMethod], ConfigurationMessage>.success([.bankid])),
        ("bankid,password", .success([.bankid, .password])),
        (" password , bankid ", .success([.password, .bankid])),
    ])
    func aListOfMethodsParses(_ text: String, _ expected: Result<[StaffLoginMethod], ConfigurationMessage>) {
        #expect(StaffLoginMethod.parseList(text) == expected)
    }

    @Test(arguments: ["", "bankid,bankid", "sms", "bankid,", "BANKID", "bankid;password"])
    func aBadListOfMethodsIsRefused(_ text: String) {
        #expect(throws: ConfigurationMessage.self) { try StaffLoginMethod.parseList(text).get() }
    }

    @Test func theLimitsAreTwelveHoursAndThirtyMinutes() {
        #expect(StaffAccess.maximumSessionAge == 43_200 && StaffAccess.maximumIdle == 1800)
    }
}
