import Foundation
import PortvaktCore
import PortvaktStore

extension AccountKit {
    /// Runs `attempt` (true when the password or code was right) for `target` (an account's address, a code's
    /// subject) under `limits`. Each use is claimed before the attempt, atomically per key in the store, so
    /// parallel attempts see each other; a success is taken back, and so is every claim of an attempt a later
    /// limit refuses. The client address's own counts come first, so an attacker spends their own budget before
    /// anything counts against the target. The target's ceiling slows only addresses that have failed at it
    /// recently: the owner, trying from an address without failures, is never slowed or locked by someone else.
    /// When the ceiling is reached the owner is told, once a window.
    func throttled(
        target: String, limits: SecretLimits, account: Account?, flow: FlowRequest, reason: String, attempt: () async throws -> Bool
    ) async throws -> ThrottledOutcome {
        let now = now()
        let byAddress = try await store.claim(key: limits.perAddress.key(flow.source), limit: limits.perAddress, now: now)
        guard byAddress.isAllowed else { return Self.refusal(byAddress.decision, now) }
        let pair = try await store.claim(key: limits.perTargetAndAddress.key(target, flow.source), limit: limits.perTargetAndAddress, now: now)
        guard pair.isAllowed else {
            try await store.release([byAddress])
            return Self.refusal(pair.decision, now)
        }
        let failedHereBefore = pair.usesBefore > 0
        let ceiling = try await store.claim(key: limits.perTarget.key(target), limit: limits.perTarget, now: now, enforce: failedHereBefore)
        if failedHereBefore, !ceiling.isAllowed {
            try await store.release([byAddress, pair])
            return Self.refusal(ceiling.decision, now)
        }
        if try await attempt() {
            try await store.release([byAddress, pair, ceiling])
            return .succeeded
        }
        try await audit("login.failed", actor: "anonymous", target: account?.id ?? "unknown-address", source: flow.source, details: ["reason": reason])
        if limits.perTarget.isBeyondFree(usesBefore: ceiling.usesBefore) {
            try await tellOwnerOfAttack(account, ceiling: limits.perTarget, flow: flow, reason: reason)
        }
        return .failed
    }

    /// Mails the owner of `account`, in the account's language, that its ceiling is reached: once a window,
    /// whatever the secret (password or code) being guessed.
    private func tellOwnerOfAttack(_ account: Account?, ceiling: RateLimit, flow: FlowRequest, reason: String) async throws {
        guard let account else { return }
        let notice = ceiling.notice
        guard try await store.claim(key: notice.key(account.id), limit: notice, now: now()).isAllowed else { return }
        try await audit("login.under_attack", actor: "system", target: account.id, source: flow.source, details: ["reason": reason])
        guard let address = account.email else { return }
        let language = account.locale.map { PageLanguage.choose(uiLocales: [$0], acceptLanguage: nil) } ?? .sv
        try await mail.enqueue(to: MailAddress(address: address), text: .underAttack(language: language, ui: mail.ui), now: now())
    }

    static func refusal(_ decision: RateLimitDecision, _ now: Date) -> ThrottledOutcome {
        switch decision {
        case .wait(let until): .wait(seconds: seconds(until, now))
        case .refused(let until): .refused(seconds: seconds(until, now))
        case .allow: .failed
        }
    }

    /// Checks `password` for the account with `email`. An unknown address, or an account without a password, is
    /// verified against a decoy hash, so it takes as long as a wrong password and looks the same. A stored hash
    /// with weaker parameters is rehashed.
    func checkPassword(email: String, password: String, flow: FlowRequest) async throws -> (ThrottledOutcome, Account?) {
        let account = try await store.account(email: email)
        let stored = try await account.asyncFlatMap { try await store.passwordHash(accountID: $0.id) }
        let outcome = try await throttled(target: email, limits: .password, account: account, flow: flow, reason: "password") {
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

    /// Forgets this client address's password failures for the account at `email` (after a login or a reset that
    /// got everything right from it). The account's ceiling is kept: the owner's success must not lift the
    /// slowing of an attacker.
    func forgetPasswordFailures(email: String, flow: FlowRequest) async throws {
        try await store.clear(key: Limits.passwordPerAccountAndAddress.key(email, flow.source))
    }

    /// The message for a throttled outcome that is not a success.
    func message(_ outcome: ThrottledOutcome, wrong: String, text: PageText) -> String {
        switch outcome {
        case .wait(let seconds): text.tryAgainIn(seconds: seconds)
        case .refused(let seconds): text.tooManyFailuresFromHere(minutes: Self.minutes(seconds))
        case .failed, .succeeded: wrong
        }
    }

    static func seconds(_ until: Date, _ now: Date) -> Int {
        max(1, Int(until.timeIntervalSince(now).rounded(.up)))
    }

    static func minutes(_ seconds: Int) -> Int {
        max(1, (seconds + 59) / 60)
    }
}
