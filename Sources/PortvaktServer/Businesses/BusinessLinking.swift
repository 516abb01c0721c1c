import Foundation
import PortvaktCore
import PortvaktCrypto
import PortvaktStore

/// Linking an account to a business, the same rules wherever it happens (the account console, or inside an
/// authorization that asks for `business`): customer number + PIN, limited per (business, account) and per account
/// with a slowing ceiling per business (`Limits`), with
/// unknown numbers verified against a decoy so the answer never tells them apart; or a single-use link mailed to
/// the business's registered address. Both make the account the first administrator, and only while the business
/// has none. Every outcome is audited; callers render their own pages.
struct BusinessLinking<Store: AccountStore & CredentialStore & RateLimitStore & SessionStore & AuthorizationStore & AuditLog & BusinessStore>: Sendable {
    let kit: AccountKit<Store>
    let issuer: String

    static var linkLifetime: TimeInterval { 86_400 }

    enum Outcome: Equatable {
        /// The account is now the business's administrator.
        case linked(customerNumber: String)
        /// A wrong PIN, an unknown number, or a number whose business does not link by PIN: the same answer.
        case refused
        /// This account has tried too many wrong PINs; it may try again after this many seconds.
        case tooManyTries(seconds: Int)
        /// Slowed: this account has failed at this business and others are guessing too.
        case wait(seconds: Int)
        case hasAdministrator
        /// A mailed link that is unknown, used or expired.
        case invalidLink
    }

    /// The linking step for a customer number given on a page or in a form, the business's kind read from the store.
    func step(given: String?, text: PageText) async throws -> LinkingForms.Step {
        try await LinkingForms.step(given: given, text: text) { try await kit.store.business(customerNumber: $0)?.kind }
    }

    /// What a PIN form says of an outcome that did not link: the same words wherever the form is.
    static func pinError(_ outcome: Outcome, _ text: PageText) -> String {
        switch outcome {
        case .tooManyTries(let seconds): text.pinTriedTooOften(minutes: AccountKit<Store>.minutes(seconds))
        case .wait(let seconds): text.pinWait(seconds: seconds)
        case .hasAdministrator: text.hasAdministrator
        case .refused, .invalidLink, .linked: text.wrongCustomerNumberOrPIN
        }
    }

    private func audit(_ action: String, _ account: Account, _ number: String, source: String, _ details: [String: String] = [:]) async throws {
        try await kit.audit(action, actor: "account:\(account.id)", target: "business:\(number)", source: source, details: details)
    }

    /// Customer number + PIN.
    func linkWithPIN(number: String, pin: String, account: Account, source: String) async throws -> Outcome {
        guard Business.isCustomerNumber(number), pin.count <= 64 else { return .refused }
        let now = kit.now()
        // The account's own counts first, for every number and every answer: a guesser spends their own budget
        // whether the number is unknown, has an administrator or gets a wrong PIN, so the answers cannot be
        // collected without a limit. The business's ceiling slows only accounts that have failed at it recently, so
        // the owner's right PIN goes through whatever others try.
        let (perAccount, pair, perBusiness) = (Limits.pinPerAccount, Limits.pinPerBusinessAndAccount, Limits.pinPerBusiness)
        let byAccount = try await kit.store.claim(key: perAccount.key(account.id), limit: perAccount, now: now)
        guard byAccount.isAllowed else { return try await refused(byAccount.decision, account, number, source: source, now: now) }
        let byPair = try await kit.store.claim(key: pair.key(number, account.id), limit: pair, now: now)
        guard byPair.isAllowed else {
            try await kit.store.release([byAccount])
            return try await refused(byPair.decision, account, number, source: source, now: now)
        }
        let failedHereBefore = byPair.usesBefore > 0
        let byBusiness = try await kit.store.claim(key: perBusiness.key(number), limit: perBusiness, now: now, enforce: failedHereBefore)
        if failedHereBefore, !byBusiness.isAllowed {
            try await kit.store.release([byAccount, byPair])
            return try await refused(byBusiness.decision, account, number, source: source, now: now)
        }
        // The same reads for a known and an unknown number.
        let business = try await kit.store.business(customerNumber: number)
        let administrators = try await kit.store.members(customerNumber: number).filter { $0.role == .admin }
        // Once the business has an administrator no PIN is checked, so the answer says nothing about the PIN; and
        // the same account posting again (a double click on "Koppla") finds itself linked: nothing happens twice.
        if administrators.contains(where: { $0.accountID == account.id }) {
            try await kit.store.release([byAccount, byPair, byBusiness])
            return .linked(customerNumber: number)
        }
        if !administrators.isEmpty {
            try await audit("business.link_refused", account, number, source: source, ["path": "pin", "reason": "has_administrator"])
            return .hasAdministrator
        }
        let claims = [byAccount, byPair, byBusiness]
        let usable = business.flatMap { $0.kind.mayUsePIN && $0.activatedAt == nil ? $0.pinHash : nil }
        let matches = try await kit.verify(pin, against: usable ?? kit.decoyHash) && usable != nil
        guard matches else {
            try await audit("business.pin_failed", account, number, source: source)
            if let business, perBusiness.isBeyondFree(usesBefore: byBusiness.usesBefore),
                try await kit.store.claim(key: perBusiness.notice.key(number), limit: perBusiness.notice, now: now).isAllowed
            {
                try await audit("business.pin_under_attack", account, number, source: source)
                try await kit.mail.enqueue(
                    to: MailAddress(address: business.registeredEmail), text: .written(in: .unknown) { .pinUnderAttack(business: business.name, language: $0, ui: kit.mail.ui) }, now: now)
            }
            return .refused
        }
        try await kit.store.release(claims)
        switch try await kit.store.linkFirstAdministrator(customerNumber: number, accountID: account.id, at: now) {
        case .linked:
            try await audit("business.linked", account, number, source: source, ["path": "pin", "role": "admin"])
            return .linked(customerNumber: number)
        case .hasAdministrator, .unknownBusiness, .invalidToken:
            try await audit("business.link_refused", account, number, source: source, ["path": "pin", "reason": "has_administrator"])
            return .hasAdministrator
        }
    }

    private func refused(_ decision: RateLimitDecision, _ account: Account, _ number: String, source: String, now: Date) async throws -> Outcome {
        try await audit("business.pin_refused", account, number, source: source, ["reason": "limit"])
        switch decision {
        case .wait(let until): return .wait(seconds: AccountKit<Store>.seconds(until, now))
        case .refused(let until): return .tooManyTries(seconds: AccountKit<Store>.seconds(until, now))
        case .allow: return .refused
        }
    }

    enum LinkMailOutcome: Equatable {
        /// Answered the same way whether or not the number exists or has members: "if it is right, a mail went".
        case answered
        /// Nothing sent, because this account has asked for links too often (its own count, which says nothing
        /// about the register).
        case askedSeveralTimes
    }

    /// Mails a link to the business's registered address, when the number exists, the business has no member yet
    /// and the limits allow. The limits are the account's own (per business and in all) and the business's,
    /// which counts only accounts that have asked for it before in the hour: someone else's requests never use
    /// up the owner's. `pendingID` is the authorization the link continues, when the link was asked for inside one.
    func mailLink(number: String, account: Account, source: String, pendingID: String? = nil) async throws
        -> LinkMailOutcome
    {
        guard Business.isCustomerNumber(number) else { return .answered }
        let now = kit.now()
        let (perAccount, pair, perBusiness) = (Limits.linkMailsPerAccount, Limits.linkMailsPerBusinessAndAccount, Limits.linkMailsPerBusiness)
        let byAccount = try await kit.store.claim(key: perAccount.key(account.id), limit: perAccount, now: now)
        guard byAccount.isAllowed else { return .askedSeveralTimes }
        let byPair = try await kit.store.claim(key: pair.key(number, account.id), limit: pair, now: now)
        guard byPair.isAllowed else {
            try await kit.store.release([byAccount])
            return .askedSeveralTimes
        }
        // Counted for unknown numbers too, so the answer never tells a known number from an unknown one.
        let byBusiness = try await kit.store.claim(key: perBusiness.key(number), limit: perBusiness, now: now, enforce: byPair.usesBefore > 0)
        if byPair.usesBefore > 0, !byBusiness.isAllowed {
            try await kit.store.release([byAccount, byPair])
            return .askedSeveralTimes
        }
        guard let business = try await kit.store.business(customerNumber: number), try await kit.store.members(customerNumber: number).isEmpty
        else { return .answered }
        let token = RandomToken.generate()
        try await kit.store.saveLinkToken(
            digest: Digest.sha256(token), customerNumber: number, accountID: account.id, expiresAt: now.addingTimeInterval(Self.linkLifetime))
        let requester = [account.givenName, account.familyName].compactMap { $0 }.joined(separator: " ")
        var link = URLComponents()
        link.path = BusinessRoutes.redeemLink
        link.queryItems = [URLQueryItem(name: "token", value: token)] + (pendingID.map { [URLQueryItem(name: "request", value: $0)] } ?? [])
        try await kit.mail.enqueue(
            to: MailAddress(address: business.registeredEmail),
            // The registered address's language is not known: Swedish with an English line.
            text: .written(in: .unknown) {
                .businessLink(
                    business: business.name, customerNumber: number, link: issuer + (link.string ?? BusinessRoutes.redeemLink),
                    requester: requester.isEmpty ? (account.email ?? "") : requester, language: $0, ui: kit.mail.ui)
            },
            now: now)
        try await audit("business.link_mailed", account, number, source: source)
        return .answered
    }

    /// Redeems a mailed link for `account` (the one that asked for it).
    func redeem(token: String?, account: Account, source: String) async throws -> Outcome {
        guard let token, token.count <= 128 else { return .invalidLink }
        let (outcome, number) = try await kit.store.redeemLinkToken(digest: Digest.sha256(token), accountID: account.id, now: kit.now())
        switch outcome {
        case .linked:
            let number = number ?? ""
            try await audit("business.linked", account, number, source: source, ["path": "email", "role": "admin"])
            return .linked(customerNumber: number)
        case .hasAdministrator:
            try await audit("business.link_refused", account, number ?? "", source: source, ["path": "email", "reason": "has_administrator"])
            return .hasAdministrator
        case .unknownBusiness, .invalidToken:
            try await kit.audit("business.link_refused", actor: "account:\(account.id)", source: source, details: ["reason": "invalid_token"])
            return .invalidLink
        }
    }
}
