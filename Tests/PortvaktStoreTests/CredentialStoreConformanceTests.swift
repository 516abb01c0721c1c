import Foundation
import PortvaktCore
import Testing

@testable import PortvaktStore

@Suite struct CredentialStoreConformanceTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let codeKey = [UInt8](repeating: 3, count: 32)

    @Test(arguments: TestBackend.all)
    func aPasswordHashIsStoredAndReplaced(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                try await store.createAccount(Account(id: "a1", email: "a@example.se", emailVerified: true, givenName: nil, familyName: nil,
                                                      locale: nil, createdAt: t0))
                #expect(try await store.passwordHash(accountID: "a1") == nil)
                try await store.setPasswordHash(accountID: "a1", hash: "$argon2id$one", at: t0)
                try await store.setPasswordHash(accountID: "a1", hash: "$argon2id$two", at: t0)
                #expect(try await store.passwordHash(accountID: "a1") == "$argon2id$two")
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func aNewCodeVoidsTheOldAndEachSendIsCounted(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                let (first, firstRecord) = OneTimeCode.issue(purpose: .signUp, subject: "Anna@Example.se", key: codeKey, now: t0) { 111_111 }
                try await store.saveOneTimeCode(firstRecord)
                let (second, secondRecord) = OneTimeCode.issue(purpose: .signUp, subject: "anna@example.se", key: codeKey, now: t0.addingTimeInterval(40)) { 222_222 }
                try await store.saveOneTimeCode(secondRecord)
                #expect(try await store.attemptOneTimeCode(purpose: .signUp, subject: "anna@example.se", input: first, key: codeKey, now: t0.addingTimeInterval(50))
                    == .wrong(remainingAttempts: 4))
                #expect(try await store.attemptOneTimeCode(purpose: .signUp, subject: "ANNA@example.se", input: second, key: codeKey, now: t0.addingTimeInterval(50))
                    == .accepted)
                #expect(try await store.attemptOneTimeCode(purpose: .signUp, subject: "anna@example.se", input: second, key: codeKey, now: t0.addingTimeInterval(51))
                    == .alreadyUsed)
                #expect(try await store.attemptOneTimeCode(purpose: .login, subject: "anna@example.se", input: second, key: codeKey, now: t0) == nil)
                #expect(try await store.codeSendTimes(purpose: .signUp, subject: "anna@example.se", since: t0) == [t0, t0.addingTimeInterval(40)])
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func concurrentRightAttemptsAreAcceptedExactlyOnce(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            let (code, record) = OneTimeCode.issue(purpose: .login, subject: "anna@example.se", key: codeKey, now: t0) { 424_242 }
            try await database.withStore { try await $0.saveOneTimeCode(record) }
            let outcomes = try await database.withStores(4) { stores in
                try await withThrowingTaskGroup(of: OneTimeCode.Outcome?.self) { group in
                    for index in 0..<8 {
                        let store = stores[index % 4]
                        group.addTask { try await store.attemptOneTimeCode(purpose: .login, subject: "anna@example.se", input: code, key: self.codeKey, now: self.t0) }
                    }
                    return try await group.reduce(into: [OneTimeCode.Outcome?]()) { $0.append($1) }
                }
            }
            #expect(outcomes.filter { $0 == .accepted }.count == 1)
            #expect(outcomes.filter { $0 == .alreadyUsed }.count == 7)
        }
    }

    @Test(arguments: TestBackend.all)
    func everyWrongAttemptCountsEvenUnderConcurrency(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            let (code, record) = OneTimeCode.issue(purpose: .login, subject: "anna@example.se", key: codeKey, now: t0) { 424_242 }
            try await database.withStore { try await $0.saveOneTimeCode(record) }
            _ = try await database.withStores(4) { stores in
                try await withThrowingTaskGroup(of: OneTimeCode.Outcome?.self) { group in
                    for index in 0..<5 {
                        let store = stores[index % 4]
                        group.addTask { try await store.attemptOneTimeCode(purpose: .login, subject: "anna@example.se", input: "000000", key: self.codeKey, now: self.t0) }
                    }
                    return try await group.reduce(into: [OneTimeCode.Outcome?]()) { $0.append($1) }
                }
            }
            try await database.withStore { (store: SQLStore) async throws -> Void in
                #expect(try await store.attemptOneTimeCode(purpose: .login, subject: "anna@example.se", input: code, key: codeKey, now: t0) == .tooManyAttempts)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func voidedCodesAreGoneWhateverTheSubjectsCase(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                try await store.saveOneTimeCode(OneTimeCode.issue(purpose: .login, subject: "acc-1", key: codeKey, now: t0) { 1 }.record)
                try await store.voidOneTimeCodes(subject: "ACC-1")
                #expect(try await store.attemptOneTimeCode(purpose: .login, subject: "acc-1", input: "000001", key: codeKey, now: t0) == nil)
            }
        }
    }
}
