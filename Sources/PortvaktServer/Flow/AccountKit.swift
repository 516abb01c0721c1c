import Foundation
import HTTPTypes
import Hummingbird
import NIOPosix
import PortvaktCore
import PortvaktCrypto
import PortvaktStore

/// What the account flows (password login, sign-up, reset, the account page) share: the store, the mail queue,
/// the pages, the password and code rules, and the clock.
struct AccountKit<Store: AccountStore & CredentialStore & RateLimitStore & SessionStore & AuthorizationStore & AuditLog>: Sendable {
    let store: Store
    /// The registered clients, from this node's memory.
    let clients: ClientDirectory
    let mail: MailQueue
    let pages: PageRenderer
    let sessions: LoginSessions
    let binding: BrowserBinding
    let hasher: PasswordHasher
    let passwordPolicy: PasswordPolicy
    let now: @Sendable () -> Date
    /// Uniformly random 32-bit values from a CSPRNG, for codes.
    let random: @Sendable () -> UInt32
    /// A hash of a random password, verified when an address has no account or no password, so that an
    /// unknown address costs the same time as a wrong password.
    let decoyHash: String
    /// The HMAC key of one-time code digests, derived from the KEK.
    let codeKey: [UInt8]

    init(
        store: Store, clients: ClientDirectory, mail: MailQueue, pages: PageRenderer, sessions: LoginSessions, binding: BrowserBinding, codeKey: [UInt8],
        hasher: PasswordHasher = PasswordHasher(), passwordPolicy: PasswordPolicy = PasswordPolicy(),
        now: @escaping @Sendable () -> Date,
        random: @escaping @Sendable () -> UInt32 = { UInt32.random(in: .min ... .max) }
    ) {
        self.store = store
        self.clients = clients
        self.mail = mail
        self.pages = pages
        self.sessions = sessions
        self.binding = binding
        self.hasher = hasher
        self.passwordPolicy = passwordPolicy
        self.now = now
        self.random = random
        self.codeKey = codeKey
        // Hashing fails only when 19 MiB cannot be had; then unknown addresses are merely answered faster.
        self.decoyHash = (try? hasher.hash(RandomToken.generate())) ?? ""
    }

    var formKey: [UInt8] { sessions.csrfKey }

    // MARK: - Pages

    /// A page of forms. Its footer switch comes back to `switchPath` with the flow's parameters, or to `switchBack`
    /// as it is (an address that has a query of its own).
    func render(
        _ page: FormPage, flow: FlowRequest, switchPath: String? = nil, switchBack: String? = nil, status: HTTPResponse.Status = .ok
    ) -> Response {
        let switchHref = switchPath.map(flow.switchLink) ?? switchBack.map { LanguageChoice.switchLink(from: flow.language, back: $0) }
        var response = pages.render(
            "form", title: page.title, language: flow.language, values: page.values, status: status, switchLanguageHref: switchHref)
        if let cookie = flow.newCookie { response.setCookie(cookie) }
        return response
    }

    /// A CSRF token for the first form of a flow, bound to the browser (there is no session yet).
    func csrf(_ flow: FlowRequest, purpose: String) -> String {
        sessions.csrfToken(sessionDigest: flow.browser, purpose: purpose)
    }

    func checkCSRF(_ form: [String: String], _ flow: FlowRequest, purpose: String) -> Bool {
        sessions.checkCSRF(form["csrf"], sessionDigest: flow.browser, purpose: purpose)
    }

    func seal(_ ticket: FlowTicket, _ flow: FlowRequest) -> String {
        ticket.seal(key: formKey, browser: flow.browser)
    }

    /// Post/redirect/get: a step that succeeded answers 303 to the next step's page with its ticket in the address,
    /// so Back and reload show that page again and never post twice.
    func nextStep(_ path: String, ticket: String, _ flow: FlowRequest, query: [(name: String, value: String)] = []) -> Response {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let parameters = query + [("ticket", ticket)]
        let encoded = parameters.map { "\($0.name)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
        return .redirect(to: flow.link(path) + "&" + encoded.joined(separator: "&"), type: .normal)
    }

    /// The ticket of a step's page (a GET after `nextStep`), with its sealed text.
    func ticket(_ request: Request, step: FlowTicket.Step, _ flow: FlowRequest) -> (ticket: FlowTicket, sealed: String)? {
        guard let sealed = request.uri.queryParameters["ticket"].map(String.init),
            let ticket = openTicket(["ticket": sealed], step: step, flow)
        else { return nil }
        return (ticket, sealed)
    }

    func openTicket(_ form: [String: String], step: FlowTicket.Step, _ flow: FlowRequest) -> FlowTicket? {
        guard let ticket = FlowTicket.open(form["ticket"], step: step, key: formKey, browser: flow.browser, now: now()),
            ticket.pendingID == flow.pendingID
        else { return nil }
        return ticket
    }

    // MARK: - Codes

    enum CodeMail {
        /// The code itself.
        case code
        /// Another mail instead (the address has an account already); the code is kept but never sent.
        case instead(MailText)
        /// Nothing (the address has no account); the code is kept but never sent.
        case nothing
    }

    enum SendResult: Equatable {
        case sent
        /// Nothing sent: a code went to this subject moments ago; a new one may go after this many seconds.
        case sentMomentsAgo(seconds: Int)
        /// Nothing sent: this subject has had its codes for the hour.
        case sentSeveralTimes(seconds: Int)
        /// Nothing sent: this client address has caused its code mails for the hour.
        case tooManyFromHere(seconds: Int)

        /// What the code page says: on a first send nothing (its lead says a code went out); on a resend, that a
        /// new code went out. When nothing went out, it says so, and when a new code can be sent.
        func notice(_ text: PageText, resend: Bool) -> String? {
            switch self {
            case .sent: resend ? text.newCodeSent : nil
            case .sentMomentsAgo(let seconds): resend ? text.resendWait(seconds: seconds) : text.codeSentMomentsAgo(seconds: seconds)
            case .sentSeveralTimes(let seconds): text.codeSentSeveralTimes(minutes: AccountKit.minutes(seconds))
            case .tooManyFromHere(let seconds): text.noCodeFromHere(minutes: AccountKit.minutes(seconds))
            }
        }
    }

    /// Issues a code for `purpose` and `subject` under the code-mail limits, and mails it (or `mail` instead) to
    /// `address`. A code is stored even when none is mailed, so that every address behaves the same from outside.
    func sendCode(
        purpose: CodePurpose, subject: String, to address: String, mail delivery: CodeMail = .code, flow: FlowRequest,
        actor: String
    ) async throws -> SendResult {
        let now = now()
        let perSubject = Limits.codeMailsPerSubject, perAddress = Limits.codeMailsPerAddress
        let bySubject = try await store.claim(key: perSubject.key(purpose.rawValue, subject), limit: perSubject, now: now)
        switch bySubject.decision {
        case .allow: break
        case .wait(let until): return .sentMomentsAgo(seconds: Self.seconds(until, now))
        case .refused(let until): return .sentSeveralTimes(seconds: Self.seconds(until, now))
        }
        let byAddress = try await store.claim(key: perAddress.key(flow.source), limit: perAddress, now: now)
        switch byAddress.decision {
        case .allow: break
        case .wait(let until), .refused(let until):
            try await store.release([bySubject])
            return .tooManyFromHere(seconds: Self.seconds(until, now))
        }
        let (code, record) = OneTimeCode.issue(purpose: purpose, subject: subject, key: codeKey, now: now, random: random)
        try await store.saveOneTimeCode(record)
        let message: MailText?
        switch delivery {
        case .code: message = MailText.code(code, purpose: purpose, language: flow.language, ui: mail.ui)
        case .instead(let other): message = other
        case .nothing: message = nil
        }
        if let message {
            try await mail.enqueue(to: MailAddress(address: address), text: message, now: now)
        }
        try await store.record(AuditEvent(
            at: now, actor: actor, action: "code.sent", target: subject, source: flow.source,
            details: ["purpose": purpose.rawValue, "mailed": message == nil ? "no" : message?.code == nil ? "notice" : "code"]))
        return .sent
    }

    /// A sign-up code (password or BankID sign-up) for `email`; an address that has an account gets the notice
    /// that it has one instead, and the pages look the same.
    func sendSignUpCode(_ email: String, flow: FlowRequest) async throws -> SendResult {
        let existing = try await store.account(email: email)
        return try await sendCode(
            purpose: .signUp, subject: email, to: existing?.email ?? email,
            mail: existing == nil ? .code : .instead(.alreadyRegistered(language: flow.language, ui: mail.ui)), flow: flow, actor: "anonymous")
    }

    /// Checks a code entered for `purpose` and `subject`, under the code limits. Nil
    /// when it is accepted, else the message for the field. A malformed entry is not a try.
    func checkCode(_ input: String?, purpose: CodePurpose, subject: String, account: Account?, flow: FlowRequest) async throws -> String? {
        let text = flow.text
        let cleaned = (input ?? "").filter { !$0.isWhitespace && $0 != "-" }
        guard cleaned.count == 6, cleaned.allSatisfy({ $0.isASCII && $0.isNumber }) else { return text.codeFormat }
        var message = text.codeExpired
        let outcome = try await throttled(target: subject, limits: .code, account: account, flow: flow, reason: "code") {
            switch try await store.attemptOneTimeCode(purpose: purpose, subject: subject, input: cleaned, key: codeKey, now: now()) {
            case .accepted: return true
            case .wrong(let remaining): message = text.wrongCode(remaining: remaining)
            case .tooManyAttempts: message = text.codeTooManyAttempts
            case .alreadyUsed: message = text.codeUsed
            case .expired, nil: message = text.codeExpired
            }
            return false
        }
        switch outcome {
        case .succeeded: return nil
        case .failed: return message
        case .wait(let seconds): return text.tryAgainIn(seconds: seconds)
        case .refused: return text.codesLocked
        }
    }

    /// The code page of a flow: the code field, and a second form that sends a new code.
    func codePage(
        _ flow: FlowRequest, ticket: String, action: String, resendAction: String, lead: String, notice: String? = nil, error: String? = nil,
        hidden extra: [(name: String, value: String)] = []
    ) -> Response {
        let text = flow.text
        let hidden = flow.hidden + extra + [("ticket", ticket)]
        return render(
            FormPage(
                title: text.codeTitle, lead: lead, notice: notice,
                forms: [
                    FormView(
                        action: action, submit: text.verifyCode, hidden: hidden,
                        fields: [FormField(
                            name: "code", label: text.code, autocomplete: "one-time-code", error: error, hint: text.codeHint,
                            inputMode: "numeric")]),
                    FormView(action: resendAction, submit: text.resendCode, hidden: hidden, secondary: true),
                ]),
            flow: flow, status: error == nil ? .ok : .badRequest)
    }

    // MARK: - Passwords

    /// argon2id takes ~15 ms of CPU; it runs on NIO's thread pool, off the cooperative pool. Passwords are
    /// hashed in Unicode NFC, as they are counted, so "å" typed as one or two code points is the same password.
    func hash(_ password: String) async throws -> String {
        let hasher = hasher
        let normalized = password.precomposedStringWithCanonicalMapping
        return try await NIOThreadPool.singleton.runIfActive { try hasher.hash(normalized) }
    }

    func verify(_ password: String, against hash: String) async throws -> Bool {
        let hasher = hasher
        let normalized = password.precomposedStringWithCanonicalMapping
        return try await NIOThreadPool.singleton.runIfActive { hasher.verify(normalized, against: hash) }
    }

    /// The message for a new password that breaks the rules, if it does.
    func passwordProblem(_ password: String, personal: [String?], language: PageLanguage) -> String? {
        passwordPolicy.check(password, personal: personal.compactMap { $0 }).map { $0.message(language) }
    }

    /// A name as typed, trimmed; nil when empty or too long.
    static func name(_ value: String?) -> String? {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 100, !trimmed.contains(where: { $0.isNewline || $0.asciiValue.map { $0 < 32 } == true })
        else { return nil }
        return trimmed
    }

    /// An address as typed, trimmed; nil when it is not a plausible address.
    static func email(_ value: String?) -> String? {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard MailAddress(address: trimmed).isPlausible else { return nil }
        return trimmed
    }

    func audit(_ action: String, actor: String, target: String? = nil, source: String? = nil, details: [String: String] = [:]) async throws {
        try await store.record(AuditEvent(at: now(), actor: actor, action: action, target: target, source: source, details: details))
    }
}
