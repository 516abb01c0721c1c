/// The texts of the business pages, in each language.
extension PageText {
    /// The account page's greeting, naming the service (`ui.service_name`).
    public func welcome(_ serviceName: String) -> String { t("Välkommen till \(serviceName)", "Welcome to \(serviceName)") }
    public var businessesTitle: String { t("Verksamheter", "Businesses") }
    public var businessesLink: String { t("Verksamheter och användarhantering", "Businesses and user management") }
    public var noBusinesses: String { t("Ditt konto är inte kopplat till någon verksamhet ännu.", "Your account is not linked to a business yet.") }
    public var linkWithPIN: String { t("Koppla med kundnummer och PIN-kod", "Link with customer number and PIN") }
    public var linkWithPINLead: String {
        t("Använd kundnumret och PIN-koden från den gamla kundwebben.", "Use the customer number and the PIN from the old customer web.")
    }
    public var linkByEmail: String { t("Koppla via verksamhetens e-postadress", "Link through the business's e-mail address") }
    public var linkByEmailLead: String {
        t("Har du ingen PIN-kod? Vi skickar en länk till den e-postadress verksamheten har registrerad hos oss. Producenter och importörer kopplar alltid så.",
          "No PIN? We send a link to the e-mail address the business has registered with us. Producers and importers always link this way.")
    }
    public var customerNumber: String { t("Kundnummer", "Customer number") }
    public var pin: String { t("PIN-kod", "PIN") }
    public var link: String { t("Koppla", "Link") }
    public var sendLink: String { t("Skicka länk", "Send link") }
    public var wrongCustomerNumberOrPIN: String { t("Fel kundnummer eller PIN-kod.", "Wrong customer number or PIN.") }
    public func pinTriedTooOften(minutes: Int) -> String {
        t("Du har angett fel PIN-kod för många gånger. Försök igen om \(minutes) minuter, eller koppla via e-post i stället.",
          "You have entered a wrong PIN too many times. Try again in \(minutes) minutes, or link by e-mail instead.")
    }
    public func pinWait(seconds: Int) -> String {
        t("För många försök. Vänta \(seconds) sekunder och försök igen.", "Too many attempts. Wait \(seconds) seconds and try again.")
    }
    public var linkAskedSeveralTimes: String {
        t("Vi har redan skickat länken flera gånger; försök igen om en timme.", "We have already sent the link several times; try again in an hour.")
    }
    public var hasAdministrator: String {
        t("Verksamheten har redan en administratör. Be administratören om en inbjudan.",
          "The business already has an administrator. Ask them for an invitation.")
    }
    public var linkMailSent: String {
        t("Om uppgifterna stämmer har vi skickat ett mejl med en länk till verksamhetens registrerade e-postadress. Länken gäller i 24 timmar.",
          "If the details match, we have sent a mail with a link to the business's registered e-mail address. The link is valid for 24 hours.")
    }
    public var linkInvalid: String {
        t("Länken är ogiltig, använd eller för gammal, eller begärdes av ett annat konto.",
          "The link is invalid, used or too old, or was asked for by another account.")
    }
    public var linked: String { t("Kontot är kopplat. Du är verksamhetens administratör.", "Your account is linked. You are the business's administrator.") }
    public var activate: String { t("Aktivera verksamhet", "Activate the business") }
    public var activateLead: String {
        t("Aktivera verksamheten för att nå den i nya Mina sidor. Den gamla PIN-koden slutar då att gälla.",
          "Activate the business to reach it in the new Mina sidor. The old PIN stops working.")
    }
    public var activated: String { t("Verksamheten är aktiverad.", "The business is activated.") }
    public var notActivated: String { t("Inte aktiverad", "Not activated") }
    public var userManagement: String { t("Användarhantering", "User management") }
    public var createUser: String { t("Skapa ny användare", "Create a new user") }
    public var createUserLead: String {
        t("Vi skickar en inbjudan till adressen. Personen skapar ett konto med BankID eller e-post och tackar ja.",
          "We send an invitation to the address. The person creates an account with BankID or e-mail and accepts.")
    }
    public var role: String { t("Roll", "Role") }
    public var invite: String { t("Bjud in", "Invite") }
    public var invitationSent: String { t("Inbjudan är skickad.", "The invitation has been sent.") }
    public var invitationsTitle: String { t("Inbjudningar", "Invitations") }
    public var resend: String { t("Skicka igen", "Send again") }
    public var revoke: String { t("Återkalla", "Revoke") }
    public var changeRole: String { t("Byt roll", "Change role") }
    public var remove: String { t("Ta bort", "Remove") }
    public var leave: String { t("Lämna verksamheten", "Leave the business") }
    public var lastAdministrator: String {
        t("Verksamheten måste ha minst en administratör. Gör någon annan till administratör först.",
          "The business must have at least one administrator. Make someone else an administrator first.")
    }
    public var roleChanged: String { t("Rollen är ändrad.", "The role has been changed.") }
    public var memberRemoved: String { t("Användaren är borttagen.", "The user has been removed.") }
    public func invitationState(_ state: String) -> String {
        switch state {
        case "pending": t("väntar", "pending")
        case "accepted": t("accepterad", "accepted")
        case "expired": t("har gått ut", "expired")
        case "revoked": t("återkallad", "revoked")
        default: state
        }
    }
    public var chooseBusiness: String { t("Välj verksamhet", "Choose a business") }
    public func chooseBusinessLead(_ client: String) -> String {
        t("Vilken verksamhet vill du agera för i \(client)?", "Which business do you want to act for in \(client)?")
    }
    public var acceptInvitationTitle: String { t("Inbjudan", "Invitation") }
    public func invitationLead(_ business: String, role: String) -> String {
        t("Du är inbjuden till \(business) som \(role).", "You are invited to \(business) as \(role).")
    }
    public var accept: String { t("Tacka ja", "Accept") }
    public var invitationWrongAddress: String {
        t("Inbjudan gäller en annan e-postadress än ditt kontos. Logga in med kontot för den inbjudna adressen.",
          "The invitation is for another e-mail address than your account's. Log in with the account of the invited address.")
    }
    public var invitationAccepted: String { t("Du är nu med i verksamheten.", "You are now a member of the business.") }
    public var invitationInvalid: String { t("Inbjudan är ogiltig, använd, återkallad eller för gammal.", "The invitation is invalid, used, revoked or too old.") }
}

/// The texts of business onboarding inside an authorization.
extension PageText {
    public var onboardingTitle: String { t("Koppla konto till verksamhet", "Link your account to a business") }
    public func onboardingLead(_ client: String) -> String {
        t("\(client) behöver veta vilken verksamhet du företräder. Koppla ditt konto till verksamheten för att fortsätta.",
          "\(client) needs to know which business you represent. Link your account to the business to go on.")
    }
    public var cancel: String { t("Avbryt", "Cancel") }
    public func activationLead(_ business: String) -> String {
        t("Kontot är kopplat till \(business) och du är verksamhetens administratör. Aktivera verksamheten för att fortsätta. Den gamla PIN-koden slutar då att gälla.",
          "Your account is linked to \(business) and you are its administrator. Activate the business to go on. The old PIN then stops working.")
    }
    public func notActivatedYet(_ business: String, administrator: String?) -> String {
        let who = administrator.map { t("administratören \($0)", "the administrator \($0)") } ?? t("administratören", "the administrator")
        return t("Verksamheten \(business) är inte aktiverad än; \(who) behöver aktivera den innan du kan logga in för verksamheten.",
                 "The business \(business) is not activated yet; \(who) must activate it before you can log in for it.")
    }
    public var waitingForLink: String {
        t("Vi har skickat ett mejl med en länk till verksamhetens registrerade e-postadress, om uppgifterna stämmer. Öppna länken; det här fönstret fortsätter av sig självt.",
          "If the details match, we have sent a mail with a link to the business's registered e-mail address. Open the link; this window goes on by itself.")
    }
    public var goBackToLoginWindow: String {
        t("Kontot är kopplat till verksamheten. Gå tillbaka till fönstret där du loggade in.",
          "Your account is linked to the business. Go back to the window where you logged in.")
    }
}

/// The texts of an invitation opened before login.
extension PageText {
    public func invitedBy(_ name: String) -> String { t("Inbjudan kommer från \(name).", "The invitation is from \(name).") }
    public var invitationLoggedOutLead: String {
        t("Logga in om du redan har ett konto, eller skapa ett konto med den inbjudna e-postadressen.",
          "Log in if you already have an account, or create an account with the invited e-mail address.")
    }
    public var logInButton: String { t("Logga in", "Log in") }
    public var createAccountButton: String { t("Skapa konto", "Create an account") }
}

/// The texts of the administrator's tables and the confirm steps of what cannot be undone.
extension PageText {
    public var membersCaption: String { t("Användare i verksamheten", "Users of the business") }
    public var invitationsCaption: String { t("Inbjudningar", "Invitations") }
    public var nameColumn: String { t("Namn", "Name") }
    public var emailColumn: String { t("E-post", "E-mail") }
    public var roleColumn: String { t("Roll", "Role") }
    public var sinceColumn: String { t("Sedan", "Since") }
    public var actionsColumn: String { t("Åtgärder", "Actions") }
    public var addressColumn: String { t("Adress", "Address") }
    public var stateColumn: String { t("Status", "State") }
    public var sentColumn: String { t("Skickad", "Sent") }
    public var you: String { t("du", "you") }
    public func roleFor(_ name: String) -> String { t("Roll för \(name)", "Role for \(name)") }
    public func removeNamed(_ name: String) -> String { t("Ta bort \(name)", "Remove \(name)") }
    public func resendTo(_ address: String) -> String { t("Skicka inbjudan till \(address) igen", "Send the invitation to \(address) again") }
    public func revokeTo(_ address: String) -> String { t("Återkalla inbjudan till \(address)", "Revoke the invitation to \(address)") }
    /// Each invitation state in its own words, with its next step where it has one.
    public func invitationStateSentence(_ state: String) -> String {
        switch state {
        case "pending": t("Väntar på svar", "Waiting for an answer")
        case "accepted": t("Accepterad", "Accepted")
        case "expired": t("Har gått ut. Bjud in igen om personen ska med.", "Expired. Invite again if the person should join.")
        case "revoked": t("Återkallad", "Revoked")
        default: state
        }
    }
    public var noInvitations: String { t("Inga inbjudningar ännu.", "No invitations yet.") }
    public var activateConfirmTitle: String { t("Aktivera verksamheten?", "Activate the business?") }
    public func activateConfirmLead(_ business: String) -> String {
        t("När \(business) är aktiverad når du verksamheten i nya Mina sidor. Den gamla PIN-koden slutar då att gälla och kan inte användas igen.",
          "Once \(business) is activated you reach it in the new Mina sidor. The old PIN then stops working and cannot be used again.")
    }
    public var activateConfirmButton: String { t("Ja, aktivera verksamheten", "Yes, activate the business") }
    public var removeConfirmTitle: String { t("Ta bort användaren?", "Remove the user?") }
    public func removeConfirmLead(_ name: String, business: String) -> String {
        t("\(name) kan då inte längre logga in för \(business). Du kan bjuda in personen igen senare.",
          "\(name) can then no longer log in for \(business). You can invite the person again later.")
    }
    public var removeConfirmButton: String { t("Ja, ta bort", "Yes, remove") }
    public var demoteConfirmTitle: String { t("Ta bort administratörsrollen?", "Remove the administrator role?") }
    public func demoteConfirmLead(_ name: String, role: String) -> String {
        t("\(name) blir \(role) och kan då inte längre hantera verksamhetens användare.",
          "\(name) becomes \(role) and can then no longer manage the business's users.")
    }
    public var demoteConfirmButton: String { t("Ja, byt roll", "Yes, change the role") }
    public var noChange: String { t("Avbryt", "Cancel") }
    public var alreadyActivated: String { t("Verksamheten är redan aktiverad.", "The business is already activated.") }
}

/// An invitation that cannot be accepted: each state its own sentence and its next step.
extension PageText {
    public var invitationUsed: String {
        t("Inbjudan är redan använd. Logga in med kontot som tackade ja för att nå verksamheten.",
          "The invitation has already been used. Log in with the account that accepted it to reach the business.")
    }
    public var invitationRevoked: String {
        t("Administratören har återkallat inbjudan. Be administratören om en ny inbjudan om du ska vara med.",
          "The administrator has revoked the invitation. Ask the administrator for a new invitation if you should join.")
    }
    public var invitationExpired: String {
        t("Inbjudan har gått ut; den gäller i sju dagar. Be administratören om en ny inbjudan.",
          "The invitation has expired; it is valid for seven days. Ask the administrator for a new invitation.")
    }
    public var invitationUnknown: String {
        t("Länken till inbjudan fungerar inte. Kontrollera att hela länken kom med, eller be administratören om en ny inbjudan.",
          "The invitation link does not work. Check that the whole link came along, or ask the administrator for a new invitation.")
    }
    public func invitationProblem(_ state: String?) -> String {
        switch state {
        case "accepted": invitationUsed
        case "revoked": invitationRevoked
        case "expired": invitationExpired
        default: invitationUnknown
        }
    }
}
