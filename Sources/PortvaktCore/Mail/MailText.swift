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

    private static func t(_ language: PageLanguage, _ sv: String, _ en: String) -> String { language == .sv ? sv : en }

    /// A one-time code for `purpose`.
    public static func code(_ code: String, purpose: CodePurpose, language: PageLanguage, ui: UI) -> MailText {
        let l = language
        let what = switch purpose {
        case .signUp: t(l, "för att skapa ditt konto", "to create your account")
        case .login: t(l, "för att logga in", "to log in")
        case .passwordReset: t(l, "för att välja ett nytt lösenord", "to choose a new password")
        case .emailChange: t(l, "för att byta till den här e-postadressen", "to change to this e-mail address")
        }
        return MailText(
            subject: t(l, "Din verifieringskod till \(ui.serviceName)", "Your verification code for \(ui.serviceName)"),
            paragraphs: [
                t(l, "Här är din kod \(what):", "Here is your code \(what):"),
                t(l, "Koden gäller i 10 minuter och kan användas en gång.", "The code is valid for 10 minutes and can be used once."),
                t(l, "Om det inte var du som begärde koden kan du bortse från det här meddelandet. Lämna aldrig ut koden till någon.",
                  "If you did not ask for the code, you can ignore this message. Never give the code to anyone."),
            ],
            code: code, signature: MailSignature(ui: ui, language: l))
    }

    /// To an address that already has an account, when someone tries to sign up with it.
    public static func alreadyRegistered(language: PageLanguage, ui: UI) -> MailText {
        let l = language
        return MailText(
            subject: t(l, "Du har redan ett konto på \(ui.serviceName)", "You already have an account on \(ui.serviceName)"),
            paragraphs: [
                t(l, "Någon, förhoppningsvis du, försökte skapa ett konto på \(ui.serviceName) med den här e-postadressen. Det finns redan ett konto med adressen.",
                  "Someone, hopefully you, tried to create an account on \(ui.serviceName) with this e-mail address. There is already an account with it."),
                t(l, "Logga in med ditt lösenord, eller välj \"Glömt lösenordet?\" om du inte minns det.",
                  "Log in with your password, or choose \"Forgot your password?\" if you do not remember it."),
                t(l, "Om det inte var du behöver du inte göra något.", "If it was not you, you do not need to do anything."),
            ],
            signature: MailSignature(ui: ui, language: l))
    }

    /// To the owner of an account whose password or codes are being guessed from elsewhere (the ceiling in
    /// `Limits` is reached).
    public static func underAttack(language: PageLanguage, ui: UI) -> MailText {
        let l = language
        return MailText(
            subject: t(l, "Någon försöker logga in på ditt konto på \(ui.serviceName)", "Someone is trying to log in to your account on \(ui.serviceName)"),
            paragraphs: [
                t(l, "Någon har försökt logga in på ditt konto med fel lösenord eller kod många gånger den senaste tiden. Vi saktar ner de försöken. Du kan logga in som vanligt.",
                  "Someone has recently tried to log in to your account with a wrong password or code many times. We are slowing those attempts down. You can log in as usual."),
                t(l, "Om det inte var du: välj \"Glömt lösenordet?\" och byt till ett lösenord du inte använder någon annanstans. Ingen kommer in på kontot utan koden som skickas hit.",
                  "If it was not you, choose \"Forgot your password?\" and change to a password you use nowhere else. Nobody can get in without the code sent here."),
            ],
            signature: MailSignature(ui: ui, language: l))
    }

    /// To the account's address after its password was changed or reset.
    public static func passwordChanged(language: PageLanguage, ui: UI) -> MailText {
        let l = language
        return MailText(
            subject: t(l, "Ditt lösenord till \(ui.serviceName) är bytt", "Your password for \(ui.serviceName) has been changed"),
            paragraphs: [
                t(l, "Lösenordet till ditt konto har just bytts.", "The password of your account has just been changed."),
                t(l, "Om det inte var du: välj \"Glömt lösenordet?\" på inloggningssidan direkt.",
                  "If it was not you, choose \"Forgot your password?\" on the login page at once."),
            ],
            signature: MailSignature(ui: ui, language: l))
    }

    /// To the old address after an account's e-mail address changed.
    public static func emailChanged(newAddress: String, language: PageLanguage, ui: UI) -> MailText {
        let l = language
        return MailText(
            subject: t(l, "Din e-postadress på \(ui.serviceName) är bytt", "Your e-mail address on \(ui.serviceName) has been changed"),
            paragraphs: [
                t(l, "Ditt konto använder nu adressen \(newAddress). Meddelanden skickas inte längre hit.",
                  "Your account now uses the address \(newAddress). Messages are no longer sent here."),
                t(l, "Om det inte var du: kontakta kundtjänst.", "If it was not you, contact customer service."),
            ],
            signature: MailSignature(ui: ui, language: l))
    }
}

extension MailText {
    /// To a business's registered address: a link that links the account that asked.
    public static func businessLink(business: String, customerNumber: String, link: String, requester: String, language: PageLanguage, ui: UI) -> MailText {
        let l = language
        return MailText(
            subject: t(l, "Koppla \(business) till \(ui.serviceName)", "Link \(business) to \(ui.serviceName)"),
            paragraphs: [
                t(l, "\(requester) vill koppla sitt konto på \(ui.serviceName) till \(business) (kundnummer \(customerNumber)) och blir då verksamhetens administratör.",
                  "\(requester) wants to link their account on \(ui.serviceName) to \(business) (customer number \(customerNumber)) and becomes its administrator."),
                t(l, "Om det stämmer, öppna länken när du är inloggad med det kontot. Den gäller i 24 timmar och kan användas en gång:",
                  "If that is right, open the link while logged in with that account. It is valid for 24 hours and can be used once:"),
                link,
                t(l, "Om ni inte känner igen det här kan ni bortse från meddelandet.", "If you do not recognise this, you can ignore this message."),
            ],
            signature: MailSignature(ui: ui, language: l))
    }

    /// To a business's registered address: its PIN is being guessed from several accounts (the ceiling in
    /// `Limits` is reached). In Swedish, with an English line: the address belongs to a business, not a person.
    public static func pinUnderAttack(business: String, ui: UI) -> MailText {
        MailText(
            subject: "Någon försöker gissa PIN-koden för \(business)",
            paragraphs: [
                "Någon har försökt koppla ett konto på \(ui.serviceName) till \(business) med fel PIN-kod många gånger den senaste timmen. Vi saktar ner de försöken; rätt PIN-kod fungerar som vanligt.",
                "Kopplingen kan också göras via verksamhetens registrerade e-postadress. Om ni inte känner igen det här behöver ni inte göra något.",
                "In English: someone has tried to link an account on \(ui.serviceName) to \(business) with a wrong PIN many times in the last hour. We are slowing those attempts down; the right PIN works as usual.",
            ],
            signature: .bilingual(ui: ui))
    }

    /// To an invited address.
    public static func invitation(business: String, role: String, link: String, language: PageLanguage, ui: UI) -> MailText {
        let l = language
        return MailText(
            subject: t(l, "Inbjudan till \(business) på \(ui.serviceName)", "Invitation to \(business) on \(ui.serviceName)"),
            paragraphs: [
                t(l, "Du är inbjuden till \(business) på \(ui.serviceName) som \(role).", "You are invited to \(business) on \(ui.serviceName) as \(role)."),
                t(l, "Öppna länken, logga in eller skapa ett konto med BankID eller med den här e-postadressen, och tacka ja. Inbjudan gäller i 7 dagar:",
                  "Open the link, log in or create an account with BankID or with this e-mail address, and accept. The invitation is valid for 7 days:"),
                link,
            ],
            signature: MailSignature(ui: ui, language: l))
    }
}
