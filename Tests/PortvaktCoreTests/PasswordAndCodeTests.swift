import Foundation
import Testing

@testable import PortvaktCore

@Suite struct PasswordPolicyTests {
    let policy = PasswordPolicy()

    @Test func atLeastTwelveAndAtMostOneHundredTwentyEightCharactersWithoutCompositionRules() {
        #expect(policy.check("kort lösen") == .tooShort(minimum: 12))
        #expect(policy.check("all lower case words") == nil)
        #expect(policy.check(String(repeating: "ö", count: 128)) == nil)
        #expect(policy.check(String(repeating: "ö", count: 129)) == .tooLong(maximum: 128))
    }

    @Test func lengthCountsCodePointsAfterNormalisation() {
        // "å" written as a + combining ring is one character after NFC.
        #expect(PasswordPolicy.length("a\u{30A}") == 1)
        #expect(PasswordPolicy.length("ålänning") == 8)
    }

    @Test func theShippedListHasAtLeastTenThousandCommonPasswords() {
        #expect(CommonPasswords.set.count >= 10_000)
        #expect(CommonPasswords.set.contains("password"))
    }

    @Test func commonPasswordsAreRefusedWhateverTheirCase() {
        let long = CommonPasswords.set.first { PasswordPolicy.length($0) >= 12 }!
        #expect(policy.check(long) == .common)
        #expect(policy.check(long.uppercased()) == .common)
    }

    @Test func theUsersOwnDetailsAreRefused() {
        #expect(policy.check("anna.svensson@pantbutiken.se", personal: ["Anna.Svensson@pantbutiken.se"]) == .containsPersonalDetail)
        #expect(policy.check("annasvensson", personal: ["annasvensson@example.se"]) == .containsPersonalDetail)
    }

    @Test func messagesSpeakTheUsersLanguage() {
        #expect(PasswordProblem.common.message(.sv).contains("vanligt"))
        #expect(PasswordProblem.tooShort(minimum: 12).message(.en).contains("12"))
    }
}

@Suite struct OneTimeCodeTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let key = [UInt8](repeating: 7, count: 32)

    func issue(_ value: UInt32 = 123_456) -> (String, OneTimeCode) {
        OneTimeCode.issue(purpose: .login, subject: "anna@example.se", key: key, now: t0) { value }
    }

    @Test func codesAreSixDigitsAndOnlyTheirDigestIsKept() {
        let (code, record) = issue(7)
        #expect(code == "000007")
        #expect(record.digest.count == 32)
        #expect(record.expiresAt == t0.addingTimeInterval(600))
    }

    /// An unkeyed digest of a 6-digit code is reversed by trying a million codes; the HMAC needs the key.
    @Test func theDigestIsKeyedSoTheDatabaseAloneDoesNotGiveTheCodeBack() {
        let (code, record) = issue()
        for unkeyed in ["otp:login:anna@example.se:\(code)", "otp:v2:login:anna@example.se:\(code)"] {
            #expect(record.digest != Digest.sha256(unkeyed))
        }
        let otherKey = [UInt8](repeating: 8, count: 32)
        #expect(record.attempt(code, purpose: .login, subject: "anna@example.se", key: otherKey, now: t0).0 == .wrong(remainingAttempts: 4))
        #expect(record.attempt(code, purpose: .login, subject: "anna@example.se", key: key, now: t0).0 == .accepted)
        let sameCodeOtherKey = OneTimeCode.issue(purpose: .login, subject: "anna@example.se", key: otherKey, now: t0) { 123_456 }.record
        #expect(sameCodeOtherKey.digest != record.digest)
    }

    @Test func randomValuesAboveTheLastFullMillionAreDrawnAgain() {
        var values: [UInt32] = [UInt32.max, 42]
        let (code, _) = OneTimeCode.issue(purpose: .login, subject: "x", key: key, now: t0) { values.removeFirst() }
        #expect(code == "000042")
    }

    @Test func theRightCodeIsAcceptedOnceAndNeverAgain() {
        let (code, record) = issue()
        let (first, used) = record.attempt("123 456", purpose: .login, subject: "ANNA@example.se", key: key, now: t0.addingTimeInterval(5))
        #expect(first == .accepted && code == "123456")
        #expect(used.attempt(code, purpose: .login, subject: "anna@example.se", key: key, now: t0.addingTimeInterval(6)).0 == .alreadyUsed)
    }

    @Test func aCodeExpiresAfterTenMinutes() {
        let (code, record) = issue()
        #expect(record.attempt(code, purpose: .login, subject: "anna@example.se", key: key, now: t0.addingTimeInterval(599)).0 == .accepted)
        #expect(record.attempt(code, purpose: .login, subject: "anna@example.se", key: key, now: t0.addingTimeInterval(600)).0 == .expired)
    }

    @Test func aCodeIsBoundToItsFlowAndSubject() {
        let (code, record) = issue()
        #expect(record.attempt(code, purpose: .passwordReset, subject: "anna@example.se", key: key, now: t0).0 == .wrong(remainingAttempts: 4))
        #expect(record.attempt(code, purpose: .login, subject: "bo@example.se", key: key, now: t0).0 == .wrong(remainingAttempts: 4))
    }

    @Test func theSixthTryIsRefusedEvenWithTheRightCode() {
        var (code, record) = issue()
        for remaining in [4, 3, 2, 1] {
            let (outcome, next) = record.attempt("000000", purpose: .login, subject: "anna@example.se", key: key, now: t0)
            #expect(outcome == .wrong(remainingAttempts: remaining))
            record = next
        }
        let (fifth, exhausted) = record.attempt("999999", purpose: .login, subject: "anna@example.se", key: key, now: t0)
        #expect(fifth == .tooManyAttempts)
        #expect(exhausted.attempt(code, purpose: .login, subject: "anna@example.se", key: key, now: t0).0 == .tooManyAttempts)
        code = ""
    }
}
