/// The account pages' texts are data: `AccountText.json` holds each key's Swedish and English text, and the build
/// embeds it (the EmbedDataFiles plugin). The accessors below name their keys, so call sites stay as they were.
extension PageText {
    /// The catalogue, checked once; the tests load the same file, so a broken one never ships.
    static let accountTexts = try! TextCatalogue(json: accountTextJSON, file: "AccountText.json")

    /// The text of `key` in this page's language with `values` in its placeholders.
    func accountText(_ key: String, _ values: [String: String] = [:]) -> String {
        Self.accountTexts.text(key, language, values)
    }
}

/// The texts of the account pages (sign-up, password login, reset, account), in each language.
extension PageText {
    public var passwordMethod: String { accountText("passwordMethod") }
    public var email: String { accountText("email") }
    public var password: String { accountText("password") }
    public var newPassword: String { accountText("newPassword") }
    public var currentPassword: String { accountText("currentPassword") }
    public var passwordHint: String { accountText("passwordHint") }
    public var givenName: String { accountText("givenName") }
    public var familyName: String { accountText("familyName") }
    public var code: String { accountText("code") }
    public var codeHint: String { accountText("codeHint") }
    public var sendCode: String { accountText("sendCode") }
    public var resendCode: String { accountText("resendCode") }
    public var verifyCode: String { accountText("verifyCode") }
    public var continueButton: String { accountText("continueButton") }
    public var logIn: String { accountText("logIn") }
    public var save: String { accountText("save") }
    public var acceptAndCreate: String { accountText("acceptAndCreate") }
    public var privacyAgreement: String { accountText("privacyAgreement") }
    public var readPrivacy: String { accountText("readPrivacy") }
    public var privacyTitle: String { accountText("privacyTitle") }
    public func privacyVersion(_ version: String) -> String { accountText("privacyVersion", ["version": version]) }

    public var signUpTitle: String { accountText("signUpTitle") }
    public var signUpWithBankID: String { accountText("signUpWithBankID") }
    public var signUpWithEmail: String { accountText("signUpWithEmail") }
    public var signUpLead: String { accountText("signUpLead") }
    public var signUpDetailsTitle: String { accountText("signUpDetailsTitle") }
    public var signUpDetailsLead: String { accountText("signUpDetailsLead") }
    public var createAccountLink: String { accountText("createAccountLink") }
    public var haveAccountLink: String { accountText("haveAccountLink") }
    public var forgotPasswordLink: String { accountText("forgotPasswordLink") }
    public var passwordLoginLead: String { accountText("passwordLoginLead") }
    public var codeTitle: String { accountText("codeTitle") }
    public func codeSent(to address: String) -> String { accountText("codeSent", ["address": address]) }
    public func codeSentIfAccount(to address: String) -> String { accountText("codeSentIfAccount", ["address": address]) }
    public var loginCodeSent: String { accountText("loginCodeSent") }
    public var newCodeSent: String { accountText("newCodeSent") }
    public var resetTitle: String { accountText("resetTitle") }
    public var resetLead: String { accountText("resetLead") }
    public var newPasswordTitle: String { accountText("newPasswordTitle") }
    public var passwordResetDone: String { accountText("passwordResetDone") }

    // Account page
    public var accountTitle: String { accountText("accountTitle") }
    public var nameSection: String { accountText("nameSection") }
    public var passwordSection: String { accountText("passwordSection") }
    public var emailSection: String { accountText("emailSection") }
    public func currentEmail(_ address: String) -> String { accountText("currentEmail", ["address": address]) }
    public var sessionsSection: String { accountText("sessionsSection") }
    public var endSession: String { accountText("endSession") }
    public var thisDevice: String { accountText("thisDevice") }
    /// A session on the account page: its browser and system when it knows them (sessions from before they were
    /// kept do not), how and when it logged in, from which address when known, and its last activity.
    public func sessionLine(device: String?, started: String, lastSeen: String, method: String, address: String?) -> String {
        let from = address.map { accountText("sessionLine.from", ["address": $0]) } ?? ""
        let line = accountText("sessionLine", ["started": started, "method": method, "from": from, "lastSeen": lastSeen])
        return device.map { "\($0) · \(line)" } ?? line
    }
    /// A browser and its operating system in words ("Chrome på Windows"), naming what the User-Agent did not say.
    public func device(_ summary: UserAgentSummary) -> String {
        let browser = summary.browser ?? accountText("device.unknownBrowser")
        let system = summary.system ?? accountText("device.unknownSystem")
        let words = accountText("device", ["browser": browser, "system": system])
        return words.prefix(1).uppercased() + words.dropFirst()
    }
    public var nameSaved: String { accountText("nameSaved") }
    public var passwordChanged: String { accountText("passwordChanged") }
    public var emailChanged: String { accountText("emailChanged") }
    public var sessionEnded: String { accountText("sessionEnded") }
    public var logOutLink: String { accountText("logOutLink") }

    // Errors, shown next to their field
    public var invalidEmail: String { accountText("invalidEmail") }
    public var wrongCredentials: String { accountText("wrongCredentials") }
    public var wrongCurrentPassword: String { accountText("wrongCurrentPassword") }
    public func tryAgainIn(seconds: Int) -> String { accountText("tryAgainIn", ["seconds": "\(seconds)"]) }
    public func tooManyFailuresFromHere(minutes: Int) -> String { accountText("tooManyFailuresFromHere", ["minutes": "\(minutes)"]) }
    public func codeSentMomentsAgo(seconds: Int) -> String { accountText("codeSentMomentsAgo", ["seconds": "\(seconds)"]) }
    public func codeSentSeveralTimes(minutes: Int) -> String { accountText("codeSentSeveralTimes", ["minutes": "\(minutes)"]) }
    public func noCodeFromHere(minutes: Int) -> String { accountText("noCodeFromHere", ["minutes": "\(minutes)"]) }
    public func resendWait(seconds: Int) -> String { accountText("resendWait", ["seconds": "\(seconds)"]) }
    public func wrongCode(remaining: Int) -> String { accountText("wrongCode", ["remaining": "\(remaining)"]) }
    public var codeExpired: String { accountText("codeExpired") }
    public var codeUsed: String { accountText("codeUsed") }
    public var codeTooManyAttempts: String { accountText("codeTooManyAttempts") }
    public var codesLocked: String { accountText("codesLocked") }
    public var codeFormat: String { accountText("codeFormat") }
    public var nameRequired: String { accountText("nameRequired") }
    public var privacyRequired: String { accountText("privacyRequired") }
    public var emailTaken: String { accountText("emailTaken") }
    public var logInAgain: String { accountText("logInAgain") }
    public var sameEmail: String { accountText("sameEmail") }
    public var formExpired: String { accountText("formExpired") }
    public var accountExistsAlready: String { accountText("accountExistsAlready") }
}

/// The account page's button towards businesses, and a login method in words.
extension PageText {
    public var linkBusinessButton: String { accountText("linkBusinessButton") }
    /// A session's login method in words, from its `amr` values, read as the staff desk reads them
    /// (`StaffLoginMethod.of`).
    public func loginMethod(_ amr: [String]) -> String {
        if StaffLoginMethod.of(amr: amr) == .bankid { return "BankID" }
        if amr.contains("pwd") && amr.contains("otp") { return accountText("loginMethod.passwordAndCode") }
        if amr.contains("pwd") { return accountText("loginMethod.password") }
        return amr.joined(separator: ", ")
    }
}

/// The account console's sessions and connected services.
extension PageText {
    public var logOutEverywhere: String { accountText("logOutEverywhere") }
    public var logOutEverywhereLead: String { accountText("logOutEverywhereLead") }
    public var servicesSection: String { accountText("servicesSection") }
    public var servicesLead: String { accountText("servicesLead") }
    public func serviceLine(_ name: String, scopes: String, since: String) -> String {
        accountText("serviceLine", ["name": name, "scopes": scopes, "since": since])
    }
    public func revokeService(_ name: String) -> String { accountText("revokeService", ["name": name]) }
    public var serviceRevoked: String { accountText("serviceRevoked") }
}
