/// The privacy policy a user accepts when creating an account. Its version is stored with the acceptance, so a
/// new version can be told apart from the one a user accepted.
public enum PrivacyPolicy {
    public static let version = "2026-11-29"

    /// The policy's text, paragraph by paragraph, naming the service (`ui.service_name`).
    public static func paragraphs(_ language: PageLanguage, service: String) -> [String] {
        switch language {
        case .sv:
            [
                "\(service) behandlar de uppgifter du lämnar när du skapar ett konto: namn, e-postadress och, om du loggar in med BankID, personnummer.",
                "Uppgifterna används för att logga in dig, för att koppla ditt konto till verksamheter och för att skicka koder och meddelanden om ditt konto.",
                "Vi sparar en logg över säkerhetshändelser, till exempel inloggningar och ändrade lösenord, med tid och IP-adress.",
                "Till varje inloggning sparar vi från vilken IP-adress och med vilken webbläsare den gjordes, så att du ser dina inloggningar under Mitt konto och kan avsluta dem.",
                "Lösenord sparas aldrig i klartext. Uppgifterna lämnas inte ut till andra än de tjänster du själv loggar in i.",
                "Du kan när som helst se och ändra dina uppgifter under Mitt konto.",
            ]
        case .en:
            [
                "\(service) processes the details you give when you create an account: name, e-mail address and, if you log in with BankID, your personal identity number.",
                "They are used to log you in, to link your account to businesses, and to send you codes and messages about your account.",
                "We keep a log of security events, such as logins and password changes, with the time and IP address.",
                "With each login we keep the IP address and the browser it came from, so that you can see your logins under My account and end them.",
                "Passwords are never stored in plain text. Your details are only shared with the services you log in to yourself.",
                "You can see and change your details at any time under My account.",
            ]
        }
    }
}
