import Foundation
import HTTPTypes
import PortvaktCore
import PortvaktCrypto
import PortvaktServer
import PortvaktStore
import Testing

/// The staff desk as its members and an applicant use it: staff accounts with their roles, sessions made in the
/// store with the `amr` of a BankID login or of a password login, and applications sent through the store.
extension OIDCHarness {
    /// How a BankID login and a password login say how they were made.
    static let bankIDAMR = ["swk", "pin", "mfa"]
    static let passwordAMR = ["pwd", "otp", "mfa"]

    /// An account, with staff `roles` when given.
    @discardableResult
    func staffAccount(_ id: String, email: String, givenName: String, familyName: String, roles: [StaffRole], personalNumber: String? = nil)
        async throws -> Account
    {
        let account = Account(
            id: id, email: email, emailVerified: true, givenName: givenName, familyName: familyName, locale: "sv-SE", createdAt: clock.now,
            personalNumber: personalNumber)
        try await services.store.createAccount(account)
        for role in roles { try await services.store.grantStaffRole(role, accountID: id, actor: "cli", source: nil, at: clock.now) }
        return account
    }

    /// Makes this browser logged in as `accountID` (another browser from now on): a session made in the store, which
    /// only the desk's own limits end in these tests (its general lifetime is a day). Returns the session's cookie,
    /// for `browse(with:)`.
    @discardableResult
    func browse(as accountID: String, amr: [String] = bankIDAMR, authTime: Date? = nil) async throws -> String {
        let secret = RandomToken.generate()
        let now = clock.now
        try await services.store.createSession(
            LoginSession(sid: RandomToken.generate(bits: 128), accountID: accountID, authTime: authTime ?? now, acr: "urn:portvakt:acr:mfa",
                         amr: amr, createdAt: now, lastSeenAt: now, expiresAt: now.addingTimeInterval(86_400)),
            secretDigest: Digest.sha256(secret))
        let cookie = "portvakt-session=\(secret)"
        browse(with: cookie)
        return cookie
    }

    /// Goes back to the browser with this session cookie.
    func browse(with cookie: String) {
        jar.clear()
        jar.keep([.setCookie: "\(cookie); Path=/"])
    }

    /// An application sent by `applicant` through the store.
    func apply(
        _ applicant: Applicant, organisationNumber: String = "556677-8899", name: String = "Kiosken i Norr AB", kind: String = "retailer"
    ) async throws -> BusinessApplication {
        let details = try ApplicationDetails.parse(
            ["org_number": organisationNumber, "name": name, "kind": kind, "street_address": "Storgatan 1", "postal_code": "123 45",
             "city": "Umeå", "invoice_email": "faktura@kiosken.se", "phone": "090-12 34 56"],
            today: clock.now).get()
        guard case .submitted(let application) = try await services.store.submitApplication(details, applicant: applicant, at: clock.now, source: nil)
        else { throw StaffHarnessFailure(message: "the application for \(organisationNumber) was not stored") }
        return application
    }

    /// The account page's CSRF token for the browser's session (what a page of this server's forms carries).
    func accountCSRF() async throws -> String {
        let page = try await get(AccountRoutes.account)
        return Self.unescape(String(try #require(page.body.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1, "no form on \(page.body)")))
    }
}

struct StaffHarnessFailure: Error {
    var message: String
}
