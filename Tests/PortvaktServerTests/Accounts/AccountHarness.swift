import Foundation
import HTTPTypes
import PortvaktCore
import PortvaktCrypto
import PortvaktServer
import PortvaktStore
import Testing

/// What a browser does with the account pages: reads forms, posts them, and reads the codes from the mails the
/// server queued (the store's outbox, as the mailer would deliver them).
extension OIDCHarness {
    static let password = "grön kulle vid havet 42"

    /// The hidden fields of the form posting to `action` in `html` (or asking for it, when `method` is `get`).
    static func hiddenFields(_ html: String, action: String, method: String = "post") throws -> [String: String] {
        let forms = html.components(separatedBy: "<form ").dropFirst()
        let form = try #require(forms.first { $0.hasPrefix("method=\"\(method)\" action=\"\(action)\"") }, "no form for \(action) in \(html)")
        var fields: [String: String] = [:]
        let pattern = try Regex(#"<input type="hidden" name="([^"]+)" value="([^"]*)">"#)
        let body = form.components(separatedBy: "</form>").first ?? ""
        for match in body.matches(of: pattern) {
            let name = String(match.output[1].substring ?? ""), value = String(match.output[2].substring ?? "")
            fields[name] = unescape(value)
        }
        return fields
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&#x3D;", with: "=").replacingOccurrences(of: "&#x2F;", with: "/")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The flow steps' pages that a step that succeeded redirects to (post/redirect/get).
    static let stepPages: Set<String> = [
        AccountRoutes.signUpCode, AccountRoutes.signUpDetails, AccountRoutes.passwordLoginCode, AccountRoutes.resetCode,
        AccountRoutes.resetPassword, AccountRoutes.resetDone, BankIDRoutes.signUpCode, BankIDRoutes.signUpDetails,
        AccountRoutes.accountEmailCode,
    ]

    /// Posts the form with `action` found in `page`, with `fields` on top of its hidden ones. A step that answers 303
    /// to the next step's page is followed there, as a browser does (`posted` keeps the POST's own status).
    func submit(_ page: Answer, action: String, _ fields: [String: String] = [:]) async throws -> Answer {
        var form = try Self.hiddenFields(page.body, action: action)
        form.merge(fields) { $1 }
        let answer = try await post(action, form: form)
        guard answer.status == .seeOther, let location = answer.location,
            let path = location.split(separator: "?").first.map(String.init), Self.stepPages.contains(path)
        else { return answer }
        var next = try await get(location)
        next.posted = answer.status
        next.followed = location
        return next
    }

    /// Submits the GET form for `action` on `page` (a form that only asks for a page), as a browser does.
    func ask(_ page: Answer, action: String, _ fields: [String: String] = [:]) async throws -> Answer {
        var form = try Self.hiddenFields(page.body, action: action, method: "get")
        form.merge(fields) { $1 }
        var components = URLComponents()
        components.path = action
        components.queryItems = form.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        return try await get(try #require(components.string))
    }

    /// The mails queued to `address`, newest first. The application's outbox worker runs beside the router in these
    /// tests and the outbox forgets a mail's text once it is sent: a sent mail's text is read from the local mailbox
    /// folder it was delivered to.
    func mails(to address: String) async throws -> [MailMessage] {
        let folder = LocalMailbox(directory: services.configuration.mail.mailboxDirectory)
        return try await services.store.mailQueue(limit: 200).filter { $0.message.to.address.lowercased() == address.lowercased() }.map { mail in
            guard mail.sentAt != nil, let delivered = folder.mail(id: mail.id) else { return mail.message }
            var message = mail.message
            message.text = delivered.text
            return message
        }
    }

    /// The code in the newest mail with a code to `address` (other mails, such as invitations, are skipped).
    func code(mailedTo address: String) async throws -> String {
        let pattern = try Regex(#"\b(\d{6})\b"#)
        let codes = try await mails(to: address).compactMap { $0.text.firstMatch(of: pattern) }
        let match = try #require(codes.first, "no code mailed to \(address)")
        return String(match.output[1].substring ?? "")
    }

    /// The id of the pending request a fresh `/authorize` (no session) leads to.
    func pendingRequest(_ parameters: [String: String?] = [:]) async throws -> String {
        let location = try #require(try await authorize(parameters, cookie: nil).location)
        return String(try #require(location.split(separator: "=").last))
    }

    /// An account with a password, made through the store.
    func passwordAccount(
        email: String, id: String = "acc-\(UUID().uuidString.prefix(8))", hasher: PasswordHasher = PasswordHasher(), locale: String = "sv-SE"
    ) async throws -> Account {
        let account = Account(
            id: id, email: email, emailVerified: true, givenName: "Karin", familyName: "Lund", locale: locale, createdAt: clock.now)
        try await services.store.createAccount(account)
        try await services.store.setPasswordHash(accountID: account.id, hash: try hasher.hash(Self.password), at: clock.now)
        return account
    }

    /// Logs in with e-mail and password on the page of pending request `pendingID` and returns the code page.
    func passwordStep(_ pendingID: String?, email: String, password: String = password) async throws -> Answer {
        let query = pendingID.map { "?request=\($0)" } ?? ""
        let page = try await get(AccountRoutes.passwordLogin + query)
        return try await submit(page, action: AccountRoutes.passwordLogin, ["email": email, "password": password])
    }

    /// Follows a login's redirects to the relying party and returns the authorization code.
    func followToCode(_ answer: Answer) async throws -> String {
        #expect(answer.status == .seeOther, "\(answer.body)")
        let resumed = try await get(try #require(answer.location))
        return try #require(resumed.redirectParameters["code"], "no code in \(resumed.location ?? resumed.body)")
    }
}
