/// Every text the pages show, in each language.
public struct PageText: Sendable {
    public let language: PageLanguage

    public init(_ language: PageLanguage) {
        self.language = language
    }

    func t(_ sv: String, _ en: String) -> String { language == .sv ? sv : en }

    public var errorTitle: String { t("Något gick fel", "Something went wrong") }
    public var errorLead: String { t("Inloggningen kunde inte genomföras.", "The login could not be completed.") }
    public var loginTitle: String { t("Logga in", "Log in") }
    public var loginLead: String { t("Välj hur du vill logga in.", "Choose how to log in.") }
    public var noLoginMethods: String {
        t("Inget inloggningssätt är aktiverat på den här servern.", "No login method is enabled on this server.")
    }
    public var consentTitle: String { t("Godkänn åtkomst", "Approve access") }
    public func consentLead(_ client: String) -> String {
        t("\(client) vill få tillgång till följande uppgifter om dig:", "\(client) would like access to the following about you:")
    }
    public var approve: String { t("Godkänn", "Approve") }
    public var deny: String { t("Avbryt", "Cancel") }
    public var logoutTitle: String { t("Logga ut", "Log out") }
    public var logoutQuestion: String { t("Vill du logga ut?", "Do you want to log out?") }
    public var logoutConfirm: String { t("Logga ut", "Log out") }
    public var loggedOut: String { t("Du är utloggad.", "You are logged out.") }
    public var supportLink: String { t("Hjälp och kontakt", "Help and contact") }
    public var logInAfterLogout: String { t("Logga in igen", "Log in again") }
    public var switchLanguage: String { t("In English", "På svenska") }

    /// Plain-language descriptions of scopes for the consent page.
    public func describe(scope: String) -> String? {
        switch scope {
        case "openid": t("Att du är inloggad (ett användar-id)", "That you are logged in (a user id)")
        case "profile": t("Ditt namn och språk", "Your name and language")
        case "email": t("Din e-postadress", "Your e-mail address")
        case "offline_access": t("Att hålla dig inloggad i appen när du inte använder den", "To keep you logged in to the app while you are away")
        case "ssn": t("Ditt personnummer", "Your personal identity number")
        case "memberships": t("Vilka verksamheter du tillhör och din roll i dem", "Which businesses you belong to and your role in them")
        case "memberships:manage": t("Att hantera användarna i dina verksamheter", "To manage the users of your businesses")
        default:
            if scope == "business" || BusinessScope.customerNumber(in: scope) != nil {
                t("Att agera för en av dina verksamheter", "To act for one of your businesses")
            } else {
                nil
            }
        }
    }
}

extension PageText {
    public var startAgainLink: String { t("Börja om", "Start again") }
    public var pageNotFound: String { t("Sidan finns inte.", "There is no such page.") }
    public var pageForbidden: String { t("Du har inte behörighet till den här sidan.", "You may not use this page.") }
    /// The link to the account page, named for the service (`ui.service_name`).
    public func toAccountLink(_ serviceName: String) -> String { t("Till \(serviceName)", "To \(serviceName)") }
    public var tooManyRequests: String {
        t("För många inloggningar har påbörjats härifrån den senaste timmen. Försök igen senare.",
          "Too many logins have been started from here in the last hour. Please try again later.")
    }
    public var temporarilyUnavailable: String {
        t("Tjänsten är tillfälligt otillgänglig. Försök igen om en liten stund.",
          "The service is temporarily unavailable. Please try again in a moment.")
    }
    public var tryAgainLink: String { t("Försök igen", "Try again") }
}
