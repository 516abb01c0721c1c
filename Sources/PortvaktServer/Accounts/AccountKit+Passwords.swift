import Foundation
import PortvaktCore
import PortvaktStore

/// The outcome of checking an address and password, throttled per account and per client address.
enum PasswordCheck: Equatable {
    case success(Account)
    /// Wrong address or wrong password: the two are never told apart.
    case invalid
    case wait(seconds: Int)
    case locked
}

extension AccountKit {
    static func accountKey(_ email: String) -> String { "account:\(email.lowercased())" }
    static func addressKey(_ source: String) -> String { "ip:\(source)" }

    /// Checks `password` for the account with `email`. The throttle is asked first (a locked account or a
    /// waiting client gets no check at all); an unknown address is verified against a decoy hash, so it takes
    /// as long as a wrong password and looks the same. A stored hash with weaker parameters is rehashed.
    func checkPassword(email: String, password: String, flow: FlowRequest) async throws -> PasswordCheck {
        let now = now()
        let since = now.addingTimeInterval(-throttle.window)
        let accountKey = Self.accountKey(email)
        let addressKey = Self.addressKey(flow.source)
        let accountFailures = try await store.failures(key: accountKey, since: since)
        switch throttle.decide(failures: accountFailures, now: now) {
        case .locked: return .locked
        case .wait(let until): return .wait(seconds: Self.seconds(until, now))
        case .allow: break
        }
        // Per address the same arithmetic, without a lockout: many people can share one address.
        let addressFailures = try await store.failures(key: addressKey, since: since)
        switch throttle.decide(failures: addressFailures, now: now) {
        case .wait(let until), .locked(let until): return .wait(seconds: Self.seconds(until, now))
        case .allow: break
        }

        let account = try await store.account(email: email)
        let stored = try await account.asyncFlatMap { try await store.passwordHash(accountID: $0.id) }
        let matches = try await verify(password, against: stored ?? decoyHash)
        if let account, let stored, matches {
            try await store.clearFailures(key: accountKey)
            if hasher.needsRehash(stored) {
                try await store.setPasswordHash(accountID: account.id, hash: try await hash(password), at: now)
                try await audit("password.rehashed", actor: "system", target: account.id, source: flow.source)
            }
            return .success(account)
        }
        try await recordFailure(email: email, account: account, accountFailures: accountFailures, flow: flow, reason: "password")
        return .invalid
    }

    /// Counts a failed attempt against the account's address and the client's, and tells the owner once when it
    /// starts a lockout.
    func recordFailure(email: String, account: Account?, accountFailures: [Date]? = nil, flow: FlowRequest, reason: String) async throws {
        let now = now()
        let accountKey = Self.accountKey(email)
        let before: [Date]
        if let accountFailures {
            before = accountFailures
        } else {
            before = try await store.failures(key: accountKey, since: now.addingTimeInterval(-throttle.window))
        }
        try await store.recordFailure(key: accountKey, at: now)
        try await store.recordFailure(key: Self.addressKey(flow.source), at: now)
        try await audit(
            "login.failed", actor: "anonymous", target: account?.id ?? "unknown-address", source: flow.source, details: ["reason": reason])
        if throttle.startsLockout(failuresBefore: before, now: now) {
            try await audit("login.locked", actor: "system", target: account?.id ?? "unknown-address", source: flow.source)
            if let address = account?.email {
                let language = account?.locale.map { PageLanguage.choose(uiLocales: [$0], acceptLanguage: nil) } ?? flow.language
                try await mail.enqueue(to: MailAddress(address: address), text: .locked(language: language), now: now)
            }
        }
    }

    static func seconds(_ until: Date, _ now: Date) -> Int {
        max(1, Int(until.timeIntervalSince(now).rounded(.up)))
    }
}
