import Foundation

/// Every limit Portvakt keeps, in one place, like node-oidc-provider's documented defaults: the key, the window,
/// the budget and what happens beyond. The store counts uses under `RateLimit.key(...)` with one atomic claim
/// (`RateLimitStore.claim`); these values decide.
///
/// The rule for anything an outsider can try against someone else's account or business: the count that can
/// stop a try is kept per (target, the one trying), so an attacker spends their own budget; the target's own
/// count is a much higher ceiling that only slows tries from parties that have failed recently, and the owner is
/// told when it is reached. A try refused for a wait is never counted.
public enum Limits {
    static let hour: TimeInterval = 3600
    static let day: TimeInterval = 86_400

    // MARK: - Passwords

    /// Wrong passwords and codes from one client address, whatever the account: many people can share an address
    /// (an office, a mobile operator's NAT), so it only slows, briefly.
    public static let failuresPerAddress = RateLimit.slowing(
        "failures:address", keyedBy: "client address", window: hour, free: 20, maximumDelay: 60,
        effect: "growing wait, at most 1 minute; never locks")

    /// Password failures for one account from one client address: this is what stops a guesser.
    public static let passwordPerAccountAndAddress = RateLimit.slowing(
        "password:account-address", keyedBy: "(account, client address)", window: hour, free: 4, maximumDelay: 900, budget: 100,
        effect: "growing wait, at most 15 minutes; at the budget this address may not try the account until the hour has passed")

    /// Password failures for one account from anywhere: a ceiling that slows addresses with recent failures
    /// and tells the owner, never locks, and never slows an address without failures.
    public static let passwordPerAccount = RateLimit.slowing(
        "password:account", keyedBy: "account", window: hour, free: 100, maximumDelay: 60,
        effect: "addresses with recent failures wait (growing, at most 1 minute); others are not slowed; the owner is mailed once an hour")

    // MARK: - One-time codes

    /// Wrong codes for one subject (an account, an address being signed up) from one client address.
    public static let codePerSubjectAndAddress = RateLimit.budget(
        "code:subject-address", keyedBy: "(code subject, client address)", window: day, 20,
        effect: "this address may not enter codes for the subject until the day has passed")

    /// Wrong codes for one subject from anywhere: a ceiling like `passwordPerAccount`.
    public static let codePerSubject = RateLimit.slowing(
        "code:subject", keyedBy: "code subject", window: day, free: 40, maximumDelay: 900,
        effect: "addresses with recent failures wait (growing, at most 15 minutes); others are not slowed; an account's owner is mailed once a day")

    /// Code mails for one purpose and subject: a new code at most every 30 seconds, 5 an hour.
    public static let codeMailsPerSubject = RateLimit.budget(
        "code-mail:subject", keyedBy: "(code purpose, subject)", window: hour, 5, spacing: 30,
        effect: "no new code is sent; the page says the last one still counts and when a new one can be sent")

    /// Notices to an address that another account asked to change its own address to: the address's owner is told
    /// that someone tried to use it, never sent a code, and told at most once a day.
    public static let emailInUseNoticesPerAddress = RateLimit.budget(
        "email-in-use:address", keyedBy: "e-mail address", window: day, 1,
        effect: "no further notice that day; the page answers as it does for any address")

    /// Code mails caused by one client address, whatever the addresses they go to: the pages must not become a
    /// way to flood strangers' inboxes.
    public static let codeMailsPerAddress = RateLimit.budget(
        "code-mail:address", keyedBy: "client address", window: hour, 30,
        effect: "no code is sent; the page says when one can be")

    /// Wrong entries of one code (kept in the code itself, `OneTimeCode`).
    public static var triesPerCode: Int { OneTimeCode.maximumAttempts }

    // MARK: - Businesses

    /// Wrong PINs for one business from one account.
    public static let pinPerBusinessAndAccount = RateLimit.budget(
        "pin:business-account", keyedBy: "(business, account)", window: hour, 5,
        effect: "this account may not try a PIN for the business until the hour has passed")

    /// Wrong PINs from one account, across businesses.
    public static let pinPerAccount = RateLimit.budget(
        "pin:account", keyedBy: "account", window: hour, 10,
        effect: "this account may not try any PIN until the hour has passed")

    /// Wrong PINs for one business from any account: a ceiling that slows accounts with recent failures there.
    public static let pinPerBusiness = RateLimit.slowing(
        "pin:business", keyedBy: "business", window: hour, free: 10, maximumDelay: 300,
        effect: "accounts with recent failures wait (growing, at most 5 minutes); others are not slowed; the registered address is mailed once an hour")

    /// Link mails one account asks for one business.
    public static let linkMailsPerBusinessAndAccount = RateLimit.budget(
        "link-mail:business-account", keyedBy: "(business, account)", window: hour, 3,
        effect: "no mail; the account is told it has asked several times and to try again in an hour")

    /// Link mails one account asks for, across businesses.
    public static let linkMailsPerAccount = RateLimit.budget(
        "link-mail:account", keyedBy: "account", window: hour, 5,
        effect: "no mail; the account is told it has asked several times and to try again in an hour")

    /// Link mails to one business's registered address, counted for accounts that have asked for it before in
    /// the hour: an account's first request always goes.
    public static let linkMailsPerBusiness = RateLimit.budget(
        "link-mail:business", keyedBy: "business", window: hour, 10,
        effect: "accounts that have asked already get no further mail and are told so; an account's first request still goes")

    /// Invitations one administrator sends: they are mails to any address.
    public static let invitationsPerInviter = RateLimit.budget(
        "invitations:inviter", keyedBy: "inviting account", window: hour, 50,
        effect: "no invitation; the page or API says how many an hour are allowed")

    /// Applications one account sends to join the deposit system. Every submission spends it before the store
    /// looks the organisation number up (in the register, among open applications), so the form's answers
    /// ("already in the register", "already being reviewed") cannot be used to list the register.
    public static let applicationsPerAccount = RateLimit.budget(
        "applications:account", keyedBy: "account", window: day, 10,
        effect: "no application is sent and no organisation number is looked up; the form says when to try again")

    // MARK: - BankID

    /// BankID orders one client address starts: each costs a call to BankID.
    public static let bankIDOrdersPerAddress = RateLimit.budget(
        "bankid:address", keyedBy: "client address", window: hour, 30,
        effect: "no order; the page says to try again in an hour")

    /// Personnummer-first orders for one personnummer (digest): each cancels that person's own open order.
    public static let bankIDOrdersPerPersonalNumber = RateLimit.budget(
        "bankid:personal-number", keyedBy: "personnummer (SHA-256)", window: hour, 10,
        effect: "no order; the page says to try again in an hour")

    // MARK: - Pending authorization requests

    /// Authorization requests that wait for a login, kept for 30 minutes, from one client address: nobody may fill
    /// the store with anonymous requests.
    public static let pendingRequestsPerAddress = RateLimit.budget(
        "pending:address", keyedBy: "client address", window: hour, 300,
        effect: "the request is not kept; the page says to try again later")

    /// The same from one browser (its binding cookie).
    public static let pendingRequestsPerBrowser = RateLimit.budget(
        "pending:browser", keyedBy: "browser", window: hour, 60,
        effect: "the request is not kept; the page says to try again later")

    /// Every limit, in the order of the README's table.
    public static let all: [RateLimit] = [
        failuresPerAddress, passwordPerAccountAndAddress, passwordPerAccount,
        codePerSubjectAndAddress, codePerSubject, codeMailsPerSubject, codeMailsPerAddress, emailInUseNoticesPerAddress,
        pinPerBusinessAndAccount, pinPerAccount, pinPerBusiness,
        linkMailsPerBusinessAndAccount, linkMailsPerAccount, linkMailsPerBusiness,
        invitationsPerInviter, applicationsPerAccount, bankIDOrdersPerAddress, bankIDOrdersPerPersonalNumber,
        pendingRequestsPerAddress, pendingRequestsPerBrowser,
    ]

    /// The longest window of any limit: older uses decide nothing and may be purged.
    public static var longestWindow: TimeInterval { all.map(\.window).max() ?? day }

    /// The README's table of limits, in Markdown.
    public static var markdownTable: String {
        var lines = ["| limit | key | window | budget | what happens |", "|---|---|---|---|---|"]
        for limit in all {
            lines.append("| `\(limit.name)` | \(limit.keyedBy) | \(duration(limit.window)) | \(budget(limit)) | \(limit.effect) |")
        }
        lines.append("| one code | the code | 10 minutes | \(triesPerCode) wrong entries | the code is spent |")
        return lines.joined(separator: "\n")
    }

    private static func duration(_ seconds: TimeInterval) -> String {
        seconds >= day ? "\(Int(seconds / day)) day" : "\(Int(seconds / hour)) hour"
    }

    private static func budget(_ limit: RateLimit) -> String {
        var parts: [String] = []
        if let budget = limit.budget {
            parts.append("\(budget)")
            if limit.spacing > 0 { parts.append("\(Int(limit.spacing)) s apart") }
        } else {
            parts.append("\(limit.free) free, then slowed")
        }
        if let budget = limit.budget, limit.free < budget { parts.append("slowed after \(limit.free)") }
        return parts.joined(separator: ", ")
    }
}
