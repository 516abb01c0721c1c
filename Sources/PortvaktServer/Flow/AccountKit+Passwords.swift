import Foundation
import PortvaktCore
import PortvaktStore
extension AccountKit {
    static func accountKey(_ email: String) -> String { "account:\(email.lowercased())" }
    static func addressKey(_ source: String) -> String { "ip:\(source)" }

    /// Runs `attempt` (true when the password or code was right) under the throttles of the account's address and
    /// of the client's address. Each attempt is counted before it is made, serialised per key in the store, so
    /// parallel attempts see each other; a success is taken back. Attempts refused for a wait count against the
    /// account (hammering during the wait is what a lockout is for), and the attempt that makes the hundredth
    /// failure in an hour locks the account and tells its owner, exactly once.
    func throttled(
        key: String, throttle: LoginThrottle, account: Account?, flow: FlowRequest, reason: String, attempt: () async throws -> Bool
    ) async throws -> ThrottledOutcome {
        let now = now()
        let accountClaim = try await store.claimAttempt(key: key, throttle: throttle, now: now, recordRefused: true)
        switch accountClaim.decision {
        case .locked: return .locked
        case .wait(let until):
            try await failed(accountClaim, throttle: throttle, account: account, flow: flow, reason: "throttled")
            return .wait(seconds: Self.seconds(until, now))
        case .allow: break
        }
        let addressClaim = try await store.claimAttempt(
            key: Self.addressKey(flow.source), throttle: .perAddress, now: now, recordRefused: false)
        if case .wait(let until) = addressClaim.decision {
            // Not the account's fault: this attempt was never made.
            if let id = accountClaim.attemptID { try await store.forgiveAttempt(id: id) }
            return .wait(seconds: Self.seconds(until, now))
        }
        if try await attempt() {
            for id in [accountClaim.attemptID, addressClaim.attemptID].compactMap({ $0 }) { try await store.forgiveAttempt(id: id) }
            return .succeeded
        }
        try await failed(accountClaim, throttle: throttle, account: account, flow: flow, reason: reason)
        return .failed
    }

    private func failed(_ claim: AttemptClaim, throttle: LoginThrottle, account: Account?, flow: FlowRequest, reason: String) async throws {
        try await audit("login.failed", actor: "anonymous", target: account?.id ?? "unknown-address", source: flow.source, details: ["reason": reason])
        guard claim.failuresBefore == throttle.lockoutThreshold - 1 else { return }
        try await audit("login.locked", actor: "system", target: account?.id ?? "unknown-address", source: flow.source, details: ["reason": reason])
        // The owner hears of a lockout by password; code lockouts only follow codes the owner was sent anyway.
        if reason == "password", let address = account?.email {
            let language = account?.locale.map { PageLanguage.choose(uiLocales: [$0], acceptLanguage: nil) } ?? flow.language
            try await mail.enqueue(to: MailAddress(address: address), text: .locked(language: language), now: now())
        }
    }

    /// Checks `password` for the account with `email`. An unknown address, or an account without a password, is
    /// verified against a decoy hash, so it takes as long as a wrong password and looks the same. A stored hash
    /// with weaker parameters is rehashed.
    func checkPassword(email: String, password: String, flow: FlowRequest) async throws -> (ThrottledOutcome, Account?) {
        let account = try await store.account(email: email)
        let stored = try await account.asyncFlatMap { try await store.passwordHash(accountID: $0.id) }
        let outcome = try await throttled(key: Self.accountKey(email), throttle: throttle, account: account, flow: flow, reason: "password") {
            let matches = try await verify(password, against: stored ?? decoyHash)
            return matches && stored != nil
        }
        guard outcome == .succeeded, let account, let stored else { return (outcome, nil) }
        if hasher.needsRehash(stored) {
            try await store.setPasswordHash(accountID: account.id, hash: try await hash(password), at: now())
            try await audit("password.rehashed", actor: "system", target: account.id, source: flow.source)
        }
        return (.succeeded, account)
    }

    /// The message for a throttled outcome that is not a success.
    func message(_ outcome: ThrottledOutcome, wrong: String, text: PageText) -> String {
        switch outcome {
        case .wait(let seconds): text.tryAgainIn(seconds: seconds)
        case .locked: text.accountLocked
        case .failed, .succeeded: wrong
        }
    }

    static func seconds(_ until: Date, _ now: Date) -> Int {
        max(1, Int(until.timeIntervalSince(now).rounded(.up)))
    }
}
