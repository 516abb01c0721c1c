/// The mails Portvakt sends, in Swedish and English: a subject and paragraphs, rendered as plain text and HTML.
/// Each is written from the `ui` settings it is handed (the service's and the organisation's names, the support
/// link), never from anything global.
public struct MailText: Sendable, Equatable {
    public var subject: String
    public var paragraphs: [String]
    /// A code to show prominently, if the mail carries one.
    public var code: String?
    /// Who sends it and where to get help, under the text.
    public var signature: MailSignature

    public init(subject: String, paragraphs: [String], code: String? = nil, signature: MailSignature) {
        self.subject = subject
        self.paragraphs = paragraphs
        self.code = code
        self.signature = signature
    }

    public var text: String {
        var parts = paragraphs
        if let code { parts.insert(code, at: min(1, parts.count)) }
        parts.append(signature.text)
        return parts.joined(separator: "\n\n") + "\n"
    }

    public var html: String {
        var parts = paragraphs.map { "<p>\(HTML.escape($0))</p>" }
        if let code {
            parts.insert("<p style=\"font-size:2em;letter-spacing:.2em;font-weight:bold\">\(HTML.escape(code))</p>", at: min(1, parts.count))
        }
        parts.append(signature.html)
        return "<!doctype html><html><body>\n" + parts.joined(separator: "\n") + "\n</body></html>\n"
    }

    /// The mails' texts, a data file: `MailText.json` holds each key's Swedish and English text with named
    /// placeholders ({service} for `ui.service_name`), embedded at build time (the EmbedDataFiles plugin) and checked
    /// once; the tests load the same file, so a broken one never ships.
    static let mailTexts = try! TextCatalogue(json: mailTextJSON, file: "MailText.json")

    /// The text of `key` in `language` with `values` in its placeholders.
    static func mailText(_ key: String, _ language: PageLanguage, _ values: [String: String] = [:]) -> String {
        mailTexts.text(key, language, values)
    }

    /// A one-time code for `purpose`.
    public static func code(_ code: String, purpose: CodePurpose, language: PageLanguage, ui: UI) -> MailText {
        let l = language
        let what = switch purpose {
        case .signUp: mailText("code.what.signUp", l)
        case .login: mailText("code.what.login", l)
        case .passwordReset: mailText("code.what.passwordReset", l)
        case .emailChange: mailText("code.what.emailChange", l)
        }
        return MailText(
            subject: mailText("code.subject", l, ["service": ui.serviceName]),
            paragraphs: [
                mailText("code.here", l, ["what": what]),
                mailText("code.valid", l),
                mailText("code.notYou", l),
            ],
            code: code, signature: MailSignature(ui: ui, language: l))
    }

    /// To an address that already has an account, when someone tries to sign up with it.
    public static func alreadyRegistered(language: PageLanguage, ui: UI) -> MailText {
        let l = language
        return MailText(
            subject: mailText("alreadyRegistered.subject", l, ["service": ui.serviceName]),
            paragraphs: [
                mailText("alreadyRegistered.tried", l, ["service": ui.serviceName]),
                mailText("alreadyRegistered.logIn", l),
                mailText("alreadyRegistered.notYou", l),
            ],
            signature: MailSignature(ui: ui, language: l))
    }

    /// To the owner of an account whose password or codes are being guessed from elsewhere (the ceiling in
    /// `Limits` is reached).
    public static func underAttack(language: PageLanguage, ui: UI) -> MailText {
        let l = language
        return MailText(
            subject: mailText("underAttack.subject", l, ["service": ui.serviceName]),
            paragraphs: [
                mailText("underAttack.attempts", l),
                mailText("underAttack.notYou", l),
            ],
            signature: MailSignature(ui: ui, language: l))
    }

    /// To an address that belongs to an account, when another account asked to change its own address to it: no
    /// code, only the notice (at most once a day, `Limits.emailInUseNoticesPerAddress`).
    public static func emailInUse(language: PageLanguage, ui: UI) -> MailText {
        let l = language
        return MailText(
            subject: mailText("emailInUse.subject", l, ["service": ui.serviceName]),
            paragraphs: [mailText("emailInUse.tried", l, ["service": ui.serviceName]), mailText("emailInUse.nothingToDo", l)],
            signature: MailSignature(ui: ui, language: l))
    }

    /// To the account's address after its password was changed or reset.
    public static func passwordChanged(language: PageLanguage, ui: UI) -> MailText {
        let l = language
        return MailText(
            subject: mailText("passwordChanged.subject", l, ["service": ui.serviceName]),
            paragraphs: [
                mailText("passwordChanged.changed", l),
                mailText("passwordChanged.notYou", l),
            ],
            signature: MailSignature(ui: ui, language: l))
    }

    /// To the old address after an account's e-mail address changed.
    public static func emailChanged(newAddress: String, language: PageLanguage, ui: UI) -> MailText {
        let l = language
        return MailText(
            subject: mailText("emailChanged.subject", l, ["service": ui.serviceName]),
            paragraphs: [
                mailText("emailChanged.newAddress", l, ["address": newAddress]),
                mailText("emailChanged.notYou", l),
            ],
            signature: MailSignature(ui: ui, language: l))
    }
}

extension MailText {
    /// To a business's registered address: a link that links the account that asked.
    public static func businessLink(business: String, customerNumber: String, link: String, requester: String, language: PageLanguage, ui: UI) -> MailText {
        let l = language
        return MailText(
            subject: mailText("businessLink.subject", l, ["business": business, "service": ui.serviceName]),
            paragraphs: [
                mailText("businessLink.wants", l, [
                    "business": business, "customerNumber": customerNumber, "requester": requester, "service": ui.serviceName,
                ]),
                mailText("businessLink.open", l),
                link,
                mailText("businessLink.ignore", l),
            ],
            signature: MailSignature(ui: ui, language: l))
    }

    /// To a business's registered address: its PIN is being guessed from several accounts (the ceiling in
    /// `Limits` is reached). Sent `.written(in: .unknown)`: the address belongs to a business, not a person.
    public static func pinUnderAttack(business: String, language: PageLanguage, ui: UI) -> MailText {
        let l = language
        return MailText(
            subject: mailText("pinUnderAttack.subject", l, ["business": business]),
            paragraphs: [
                mailText("pinUnderAttack.guessing", l, ["business": business, "service": ui.serviceName]),
                mailText("pinUnderAttack.otherWay", l),
            ],
            signature: MailSignature(ui: ui, language: l))
    }

    /// To an invited address.
    public static func invitation(business: String, role: String, link: String, language: PageLanguage, ui: UI) -> MailText {
        let l = language
        return MailText(
            subject: mailText("invitation.subject", l, ["business": business, "service": ui.serviceName]),
            paragraphs: [
                mailText("invitation.invited", l, ["business": business, "role": role, "service": ui.serviceName]),
                mailText("invitation.open", l),
                link,
            ],
            signature: MailSignature(ui: ui, language: l))
    }
}

extension MailText {
    /// To an applicant: the application has arrived, with its reference number and where to follow it.
    public static func applicationReceived(
        business: String, organisationNumber: String, reference: String, link: String, language: PageLanguage, ui: UI
    ) -> MailText {
        let l = language
        return MailText(
            subject: mailText("applicationReceived.subject", l),
            paragraphs: [
                mailText("applicationReceived.received", l, ["business": business, "orgNumber": organisationNumber, "reference": reference]),
                mailText("applicationReceived.next", l, ["service": ui.serviceName]),
                link,
            ],
            signature: MailSignature(ui: ui, language: l))
    }

    /// To an applicant: a reviewer asks for more information, in the reviewer's words.
    public static func applicationInformationRequested(
        business: String, reference: String, question: String, link: String, language: PageLanguage, ui: UI
    ) -> MailText {
        let l = language
        return MailText(
            subject: mailText("applicationInfoRequested.subject", l, ["reference": reference]),
            paragraphs: [
                mailText("applicationInfoRequested.asked", l, ["business": business, "reference": reference]),
                question,
                mailText("applicationInfoRequested.answer", l, ["service": ui.serviceName]),
                link,
            ],
            signature: MailSignature(ui: ui, language: l))
    }

    /// To an applicant: approved, with the new customer number and a link to activating the business (the guide's
    /// step 7, "Aktivera verksamhet").
    public static func applicationApproved(
        business: String, reference: String, customerNumber: String, link: String, language: PageLanguage, ui: UI
    ) -> MailText {
        let l = language
        return MailText(
            subject: mailText("applicationApproved.subject", l, ["business": business]),
            paragraphs: [
                mailText("applicationApproved.approved", l, ["reference": reference, "business": business, "customerNumber": customerNumber]),
                mailText("applicationApproved.activate", l, ["service": ui.serviceName]),
                link,
            ],
            signature: MailSignature(ui: ui, language: l))
    }

    /// To an applicant: rejected, with the reviewer's reason.
    public static func applicationRejected(business: String, reference: String, reason: String, language: PageLanguage, ui: UI) -> MailText {
        let l = language
        return MailText(
            subject: mailText("applicationRejected.subject", l, ["reference": reference]),
            paragraphs: [
                mailText("applicationRejected.rejected", l, ["business": business, "reference": reference]),
                reason,
                mailText("applicationRejected.contact", l, ["service": ui.serviceName]),
            ],
            signature: MailSignature(ui: ui, language: l))
    }
}
