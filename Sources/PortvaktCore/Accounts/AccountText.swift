/// The texts of the account pages (sign-up, password login, reset, account), in each language.
extension PageText {
    public var passwordMethod: String { t("E-post och lösenord", "E-mail and password") }
    public var email: String { t("E-postadress", "E-mail address") }
    public var password: String { t("Lösenord", "Password") }
    public var newPassword: String { t("Nytt lösenord", "New password") }
    public var currentPassword: String { t("Nuvarande lösenord", "Current password") }
    public var passwordHint: String { t("Minst 12 tecken. Gärna en mening som bara du känner till.", "At least 12 characters. A sentence only you know works well.") }
    public var givenName: String { t("Förnamn", "First name") }
    public var familyName: String { t("Efternamn", "Last name") }
    public var code: String { t("Verifieringskod", "Verification code") }
    public var codeHint: String { t("Sex siffror", "Six digits") }
    public var sendCode: String { t("Skicka verifieringskod", "Send verification code") }
    public var resendCode: String { t("Skicka ny kod", "Send a new code") }
    public var verifyCode: String { t("Verifiera koden", "Verify the code") }
    public var continueButton: String { t("Fortsätt", "Continue") }
    public var logIn: String { t("Logga in", "Log in") }
    public var save: String { t("Spara", "Save") }
    public var acceptAndCreate: String { t("Godkänn och skapa konto", "Accept and create the account") }
    public var privacyAgreement: String {
        t("Genom att skapa kontot godkänner du integritetspolicyn, som berättar hur vi behandlar dina uppgifter.",
          "By creating the account you accept the privacy policy, which says how we handle your details.")
    }
    public var readPrivacy: String { t("Läs integritetspolicyn", "Read the privacy policy") }
    public var privacyTitle: String { t("Integritetspolicy", "Privacy policy") }
    public func privacyVersion(_ version: String) -> String { t("Version \(version)", "Version \(version)") }

    public var signUpTitle: String { t("Skapa konto", "Create an account") }
    public var signUpWithBankID: String { t("Skapa konto med BankID", "Create an account with BankID") }
    public var signUpWithEmail: String { t("Eller skapa konto med e-post", "Or create an account with e-mail") }
    public var signUpLead: String {
        t("Skriv din e-postadress. Vi skickar en kod till den för att se att den är din.",
          "Enter your e-mail address. We send a code to it to check that it is yours.")
    }
    public var signUpDetailsTitle: String { t("Dina uppgifter", "Your details") }
    public var signUpDetailsLead: String { t("Välj ett lösenord och skriv ditt namn.", "Choose a password and enter your name.") }
    public var createAccountLink: String { t("Har du inget konto? Skapa konto", "No account yet? Create an account") }
    public var haveAccountLink: String { t("Har du redan ett konto? Logga in", "Already have an account? Log in") }
    public var forgotPasswordLink: String { t("Glömt lösenordet?", "Forgot your password?") }
    public var passwordLoginLead: String { t("Logga in med din e-postadress och ditt lösenord.", "Log in with your e-mail address and password.") }
    public var codeTitle: String { t("Ange koden", "Enter the code") }
    public func codeSent(to address: String) -> String {
        t("Verifieringskoden har skickats till din inkorg (\(address)). Hittar du den inte? Titta i skräpposten. Koden gäller i 10 minuter.",
          "The verification code has been sent to your inbox (\(address)). Can't find it? Look in your spam folder. The code is valid for 10 minutes.")
    }
    public func codeSentIfAccount(to address: String) -> String {
        t("Om det finns ett konto med adressen \(address) har vi skickat en kod dit. Den gäller i 10 minuter.",
          "If there is an account with the address \(address), we have sent a code to it. It is valid for 10 minutes.")
    }
    public var loginCodeSent: String {
        t("Vi har skickat en kod till din e-postadress. Den gäller i 10 minuter.",
          "We have sent a code to your e-mail address. It is valid for 10 minutes.")
    }
    public var newCodeSent: String { t("En ny kod är skickad.", "A new code has been sent.") }
    public var resetTitle: String { t("Glömt lösenordet", "Forgotten password") }
    public var resetLead: String {
        t("Skriv e-postadressen till ditt konto, så skickar vi en kod för att välja ett nytt lösenord.",
          "Enter your account's e-mail address and we will send you a code to choose a new password.")
    }
    public var newPasswordTitle: String { t("Välj nytt lösenord", "Choose a new password") }
    public var passwordResetDone: String {
        t("Lösenordet är bytt och du är utloggad överallt. Logga in med det nya lösenordet.",
          "Your password has been changed and you are logged out everywhere. Log in with the new password.")
    }

    // Account page
    public var accountTitle: String { t("Mitt konto", "My account") }
    public var nameSection: String { t("Namn", "Name") }
    public var passwordSection: String { t("Byt lösenord", "Change password") }
    public var emailSection: String { t("Byt e-postadress", "Change e-mail address") }
    public func currentEmail(_ address: String) -> String { t("Nuvarande adress: \(address)", "Current address: \(address)") }
    public var sessionsSection: String { t("Inloggningar", "Sessions") }
    public var endSession: String { t("Avsluta", "End") }
    public var thisDevice: String { t("den här webbläsaren", "this browser") }
    /// A session on the account page: its browser and system when it knows them (sessions from before they were
    /// kept do not), how and when it logged in, from which address when known, and its last activity.
    public func sessionLine(device: String?, started: String, lastSeen: String, method: String, address: String?) -> String {
        let from = address.map { t(" från \($0)", " from \($0)") } ?? ""
        let line = t("Inloggad \(started) med \(method)\(from), senast aktiv \(lastSeen)", "Logged in \(started) with \(method)\(from), last active \(lastSeen)")
        return device.map { "\($0) · \(line)" } ?? line
    }
    /// A browser and its operating system in words ("Chrome på Windows"), naming what the User-Agent did not say.
    public func device(_ summary: UserAgentSummary) -> String {
        let browser = summary.browser ?? t("okänd webbläsare", "unknown browser")
        let system = summary.system ?? t("okänt system", "unknown system")
        let words = t("\(browser) på \(system)", "\(browser) on \(system)")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
    public var nameSaved: String { t("Namnet är sparat.", "Your name has been saved.") }
    public var passwordChanged: String {
        t("Lösenordet är bytt. Dina andra inloggningar är avslutade.", "Your password has been changed. Your other sessions have ended.")
    }
    public var emailChanged: String { t("E-postadressen är bytt.", "Your e-mail address has been changed.") }
    public var sessionEnded: String { t("Inloggningen är avslutad.", "The session has ended.") }
    public var logOutLink: String { t("Logga ut", "Log out") }

    // Errors, shown next to their field
    public var invalidEmail: String { t("Skriv en giltig e-postadress.", "Enter a valid e-mail address.") }
    public var wrongCredentials: String { t("Fel e-postadress eller lösenord.", "Wrong e-mail address or password.") }
    public var wrongCurrentPassword: String { t("Lösenordet stämmer inte.", "The password is not correct.") }
    public func tryAgainIn(seconds: Int) -> String {
        t("För många försök. Vänta \(seconds) sekunder och försök igen.", "Too many attempts. Wait \(seconds) seconds and try again.")
    }
    public func tooManyFailuresFromHere(minutes: Int) -> String {
        t("För många misslyckade försök härifrån. Försök igen om \(minutes) minuter eller välj Glömt lösenordet.",
          "Too many failed attempts from here. Try again in \(minutes) minutes or choose Forgot your password.")
    }
    public func codeSentMomentsAgo(seconds: Int) -> String {
        t("Vi skickade en kod alldeles nyss, så ingen ny skickades. Använd koden i det mejlet; en ny kan skickas om \(seconds) sekunder.",
          "We sent a code moments ago, so no new one was sent. Use the code in that mail; a new one can be sent in \(seconds) seconds.")
    }
    public func codeSentSeveralTimes(minutes: Int) -> String {
        t("Vi har redan skickat flera koder den senaste timmen, så ingen ny skickades. Den senaste gäller i 10 minuter från att den skickades; en ny kan skickas om \(minutes) minuter.",
          "We have already sent several codes in the last hour, so no new one was sent. The latest is valid for 10 minutes from when it was sent; a new one can be sent in \(minutes) minutes.")
    }
    public func noCodeFromHere(minutes: Int) -> String {
        t("Ingen kod skickades: för många koder har begärts härifrån. Försök igen om \(minutes) minuter.",
          "No code was sent: too many codes have been asked for from here. Try again in \(minutes) minutes.")
    }
    public func resendWait(seconds: Int) -> String {
        t("Vänta \(seconds) sekunder innan du begär en ny kod.", "Wait \(seconds) seconds before asking for a new code.")
    }
    public func wrongCode(remaining: Int) -> String {
        t("Koden stämmer inte. Du har \(remaining) försök kvar.", "The code is not correct. You have \(remaining) more tries.")
    }
    public var codeExpired: String { t("Koden har gått ut. Begär en ny kod.", "The code has expired. Ask for a new code.") }
    public var codeUsed: String { t("Koden är redan använd. Begär en ny kod.", "The code has already been used. Ask for a new code.") }
    public var codeTooManyAttempts: String {
        t("För många felaktiga försök. Begär en ny kod.", "Too many wrong tries. Ask for a new code.")
    }
    public var codesLocked: String {
        t("För många felaktiga koder det senaste dygnet. Försök igen i morgon.", "Too many wrong codes in the last day. Please try again tomorrow.")
    }
    public var codeFormat: String { t("Koden har sex siffror.", "The code has six digits.") }
    public var nameRequired: String { t("Skriv ditt namn (högst 100 tecken).", "Enter your name (at most 100 characters).") }
    public var privacyRequired: String {
        t("Du behöver godkänna integritetspolicyn för att skapa kontot.", "You need to accept the privacy policy to create the account.")
    }
    public var emailTaken: String {
        t("Adressen används redan av ett annat konto.", "The address is already used by another account.")
    }
    public var logInAgain: String {
        t("Logga ut och in igen för att byta e-postadress.", "Log out and in again to change your e-mail address.")
    }
    public var sameEmail: String { t("Det är redan din adress.", "That is already your address.") }
    public var formExpired: String {
        t("Formuläret har gått ut eller öppnades i en annan webbläsare. Börja om.",
          "The form has expired or was opened in another browser. Please start again.")
    }
    public var accountExistsAlready: String {
        t("Det finns redan ett konto med den här adressen. Logga in i stället.", "There is already an account with this address. Log in instead.")
    }
}

/// The account page's lead towards businesses, and a login method in words.
extension PageText {
    public var linkBusinessButton: String { t("Koppla konto till verksamhet", "Link your account to a business") }
    public var businessesLead: String { t("Dina verksamheter", "Your businesses") }
    /// A session's login method in words, from its `amr` values.
    public func loginMethod(_ amr: [String]) -> String {
        if amr.contains("swk") || amr.contains("hwk") { return "BankID" }
        if amr.contains("pwd") && amr.contains("otp") { return t("E-post, lösenord och kod", "E-mail, password and code") }
        if amr.contains("pwd") { return t("E-post och lösenord", "E-mail and password") }
        return amr.joined(separator: ", ")
    }
}

/// The account console's sessions and connected services.
extension PageText {
    public var logOutEverywhere: String { t("Logga ut överallt", "Log out everywhere") }
    public var logOutEverywhereLead: String {
        t("Avslutar alla dina inloggningar, även i andra webbläsare och på andra enheter.",
          "Ends all your sessions, in other browsers and on other devices too.")
    }
    public var servicesSection: String { t("Anslutna tjänster", "Connected services") }
    public var servicesLead: String {
        t("Tjänster som du har gett åtkomst till dina uppgifter. Tar du bort åtkomsten loggas du ut ur tjänsten och får godkänna igen nästa gång.",
          "Services you have given access to your details. Removing the access logs you out of the service, and it asks again next time.")
    }
    public func serviceLine(_ name: String, scopes: String, since: String) -> String {
        t("\(name): \(scopes). Godkänd \(since).", "\(name): \(scopes). Approved \(since).")
    }
    public func revokeService(_ name: String) -> String { t("Ta bort åtkomst för \(name)", "Remove access for \(name)") }
    public var serviceRevoked: String { t("Tjänstens åtkomst är borttagen.", "The service's access has been removed.") }
}
