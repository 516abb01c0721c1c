import Foundation
import PortvaktCore
import PortvaktCrypto
import PortvaktStore

/// Linking an account to a business, the same rules wherever it happens (the account console, or inside an
/// authorization that asks for `business`): customer number + PIN, throttled per business and per account, with
/// unknown numbers verified against a decoy so the answer never tells them apart; or a single-use link mailed to
/// the business's registered address. Both make the account the first administrator, and only while the business
/// has none. Every outcome is audited; callers render their own pages.
struct BusinessLinking<Store: AccountStore & CredentialStore & SessionStore & AuthorizationStore & AuditLog & BusinessStore>: Sendable {
    let kit: AccountKit<Store>
    let issuer: String

    /// PIN tries: 5 wrong in an hour lock a business's PIN path; an account gets 10 in all, across businesses.
    static var pinThrottle: LoginThrottle { LoginThrottle(freeFailures: 5, maximumDelay: 0, lockoutThreshold: 5) }
    static var accountPINThrottle: LoginThrottle { LoginThrottle(freeFailures: 10, maximumDelay: 0, lockoutThreshold: 10) }
    /// At most 5 link mails an hour per account and per business: the registered address must not be flooded.
    static var linkMailThrottle: LoginThrottle { LoginThrottle(freeFailures: 5, maximumDelay: 0, lockoutThreshold: 5) }
    static var linkLifetime: TimeInterval { 86_400 }

    enum Outcome: Equatable {
        /// The account is now the business's administrator.
        case linked(customerNumber: String)
        /// A wrong PIN, an unknown number, or a number whose business does not link by PIN: the same answer.
        case refused
        /// Too many tries.
        case locked
        case hasAdministrator
        /// A mailed link that is unknown, used or expired.
        case invalidLink
    }

    private func audit(_ action: String, _ account: Account, _ number: String, source: String, _ details: [String: String] = [:]) async throws {
        try await kit.audit(action, actor: "account:\(account.id)", target: "business:\(number)", source: source, details: details)
    }

    /// Customer number + PIN.
    func linkWithPIN(number: String, pin: String, account: Account, source: String) async throws -> Outcome {
        guard Business.isCustomerNumber(number), !pin.isEmpty, pin.count <= 64 else { return .refused }
        let business = try await kit.store.business(customerNumber: number)
        let now = kit.now()
        let businessClaim = try await kit.store.claimAttempt(key: "pin:business:\(number)", throttle: Self.pinThrottle, now: now, recordRefused: false)
        let accountClaim = try await kit.store.claimAttempt(
            key: "pin:account:\(account.id)", throttle: Self.accountPINThrottle, now: now, recordRefused: false)
        guard businessClaim.decision == .allow, accountClaim.decision == .allow else {
            for id in [businessClaim.attemptID, accountClaim.attemptID].compactMap({ $0 }) { try await kit.store.forgiveAttempt(id: id) }
            try await audit("business.pin_refused", account, number, source: source, ["reason": "locked"])
            return .locked
        }
        let usable = business.flatMap { $0.kind.mayUsePIN && $0.activatedAt == nil ? $0.pinHash : nil }
        let matches = try await kit.verify(pin, against: usable ?? kit.decoyHash) && usable != nil
        guard matches else {
            try await audit("business.pin_failed", account, number, source: source)
            if let business, businessClaim.failuresBefore == Self.pinThrottle.lockoutThreshold - 1 {
                try await audit("business.pin_locked", account, number, source: source)
                try await kit.mail.enqueue(
                    to: MailAddress(address: business.registeredEmail), text: .written(in: .unknown) { .pinLocked(business: business.name, language: $0) }, now: now)
            }
            return .refused
        }
        for id in [businessClaim.attemptID, accountClaim.attemptID].compactMap({ $0 }) { try await kit.store.forgiveAttempt(id: id) }
        switch try await kit.store.linkFirstAdministrator(customerNumber: number, accountID: account.id, at: now) {
        case .linked:
            try await audit("business.linked", account, number, source: source, ["path": "pin", "role": "admin"])
            return .linked(customerNumber: number)
        case .hasAdministrator, .unknownBusiness, .invalidToken:
            try await audit("business.link_refused", account, number, source: source, ["path": "pin", "reason": "has_administrator"])
            return .hasAdministrator
        }
    }

    /// Mails a link to the business's registered address, when the number exists, the business has no member yet
    /// and the limits allow; the caller answers the same way in every case. `pendingID` is the authorization
    /// the link continues, when the link was asked for inside one.
    func mailLink(number: String, account: Account, source: String, pendingID: String? = nil) async throws {
        guard Business.isCustomerNumber(number) else { return }
        let now = kit.now()
        let byAccount = try await kit.store.claimAttempt(
            key: "business-link-mail:\(account.id)", throttle: Self.linkMailThrottle, now: now, recordRefused: false)
        let byBusiness = try await kit.store.claimAttempt(
            key: "business-link-mail:\(number)", throttle: Self.linkMailThrottle, now: now, recordRefused: false)
        guard byAccount.decision == .allow, byBusiness.decision == .allow, let business = try await kit.store.business(customerNumber: number),
            try await kit.store.members(customerNumber: number).isEmpty
        else { return }
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
                    requester: requester.isEmpty ? (account.email ?? "") : requester, language: $0)
            },
            now: now)
        try await audit("business.link_mailed", account, number, source: source)
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
