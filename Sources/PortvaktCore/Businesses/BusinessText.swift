/// The business pages' texts are data: `BusinessText.json` holds each key's Swedish and English text, and the
/// build embeds it (the EmbedDataFiles plugin). The accessors below name their keys, so call sites stay as they were.
extension PageText {
    /// The catalogue, checked once; the tests load the same file, so a broken one never ships.
    static let businessTexts = try! TextCatalogue(json: businessTextJSON, file: "BusinessText.json")

    /// The text of `key` in this page's language with `values` in its placeholders.
    func businessText(_ key: String, _ values: [String: String] = [:]) -> String {
        Self.businessTexts.text(key, language, values)
    }
}

/// The texts of the business pages, in each language.
extension PageText {
    /// The account page's greeting, naming the service (`ui.service_name`).
    public func welcome(_ serviceName: String) -> String { businessText("welcome", ["serviceName": serviceName]) }
    public var businessesTitle: String { businessText("businessesTitle") }
    public var businessesLink: String { businessText("businessesLink") }
    public var noBusinesses: String { businessText("noBusinesses") }
    public var linkByEmail: String { businessText("linkByEmail") }
    public var customerNumber: String { businessText("customerNumber") }
    /// "Organisationsnummer: 556036-0793", on the business's page.
    public func organisationNumberLine(_ number: String) -> String { businessText("organisationNumberLine", ["orgNumber": number]) }
    public var pin: String { businessText("pin") }
    public var link: String { businessText("link") }
    public var sendLink: String { businessText("sendLink") }
    public var wrongCustomerNumberOrPIN: String { businessText("wrongCustomerNumberOrPIN") }
    public func pinTriedTooOften(minutes: Int) -> String { businessText("pinTriedTooOften", ["minutes": "\(minutes)"]) }
    public func pinWait(seconds: Int) -> String { businessText("pinWait", ["seconds": "\(seconds)"]) }
    public var linkAskedSeveralTimes: String { businessText("linkAskedSeveralTimes") }
    public var hasAdministrator: String { businessText("hasAdministrator") }
    public var linkMailSent: String { businessText("linkMailSent") }
    public var linkInvalid: String { businessText("linkInvalid") }
    public var linked: String { businessText("linked") }
    public var activate: String { businessText("activate") }
    public var activateLead: String { businessText("activateLead") }
    public var activated: String { businessText("activated") }
    public var notActivated: String { businessText("notActivated") }
    public var userManagement: String { businessText("userManagement") }
    public var createUser: String { businessText("createUser") }
    public var createUserLead: String { businessText("createUserLead") }
    public var role: String { businessText("role") }
    public var invite: String { businessText("invite") }
    public var invitationSent: String { businessText("invitationSent") }
    public var invitationsTitle: String { businessText("invitationsTitle") }
    public var resend: String { businessText("resend") }
    public var revoke: String { businessText("revoke") }
    public var changeRole: String { businessText("changeRole") }
    public var remove: String { businessText("remove") }
    public var leave: String { businessText("leave") }
    public var lastAdministrator: String { businessText("lastAdministrator") }
    public var roleChanged: String { businessText("roleChanged") }
    public var memberRemoved: String { businessText("memberRemoved") }
    public var chooseBusiness: String { businessText("chooseBusiness") }
    public func chooseBusinessLead(_ client: String) -> String { businessText("chooseBusinessLead", ["client": client]) }
    public var acceptInvitationTitle: String { businessText("acceptInvitationTitle") }
    public func invitationLead(_ business: String, role: String) -> String {
        businessText("invitationLead", ["business": business, "role": role])
    }
    public var accept: String { businessText("accept") }
    public var invitationWrongAddress: String { businessText("invitationWrongAddress") }
    public var invitationAccepted: String { businessText("invitationAccepted") }
}

/// The texts of business onboarding inside an authorization.
extension PageText {
    public var onboardingTitle: String { businessText("onboardingTitle") }
    public func onboardingLead(_ client: String) -> String { businessText("onboardingLead", ["client": client]) }
    public var cancel: String { businessText("cancel") }
    public func activationLead(_ business: String) -> String { businessText("activationLead", ["business": business]) }
    public func notActivatedYet(_ business: String, administrator: String?) -> String {
        let who = administrator.map { businessText("notActivatedYet.administratorNamed", ["name": $0]) }
            ?? businessText("notActivatedYet.administrator")
        return businessText("notActivatedYet", ["business": business, "who": who])
    }
    public var waitingForLink: String { businessText("waitingForLink") }
    public var goBackToLoginWindow: String { businessText("goBackToLoginWindow") }
}

/// The texts of an invitation opened before login.
extension PageText {
    public func invitedBy(_ name: String) -> String { businessText("invitedBy", ["name": name]) }
    public var invitationLoggedOutLead: String { businessText("invitationLoggedOutLead") }
    public var logInButton: String { businessText("logInButton") }
    public var createAccountButton: String { businessText("createAccountButton") }
}

/// The texts of the administrator's tables and the confirm steps of what cannot be undone.
extension PageText {
    public var membersCaption: String { businessText("membersCaption") }
    public var invitationsCaption: String { businessText("invitationsCaption") }
    public var nameColumn: String { businessText("nameColumn") }
    public var emailColumn: String { businessText("emailColumn") }
    public var roleColumn: String { businessText("roleColumn") }
    public var sinceColumn: String { businessText("sinceColumn") }
    public var actionsColumn: String { businessText("actionsColumn") }
    public var addressColumn: String { businessText("addressColumn") }
    public var stateColumn: String { businessText("stateColumn") }
    public var sentColumn: String { businessText("sentColumn") }
    public var you: String { businessText("you") }
    public func roleFor(_ name: String) -> String { businessText("roleFor", ["name": name]) }
    public func removeNamed(_ name: String) -> String { businessText("removeNamed", ["name": name]) }
    public func resendTo(_ address: String) -> String { businessText("resendTo", ["address": address]) }
    public func revokeTo(_ address: String) -> String { businessText("revokeTo", ["address": address]) }
    /// Each invitation state in its own words, with its next step where it has one.
    public func invitationStateSentence(_ state: String) -> String {
        switch state {
        case "pending": businessText("invitationStateSentence.pending")
        case "accepted": businessText("invitationStateSentence.accepted")
        case "expired": businessText("invitationStateSentence.expired")
        case "revoked": businessText("invitationStateSentence.revoked")
        default: state
        }
    }
    public var noInvitations: String { businessText("noInvitations") }
    public var activateConfirmTitle: String { businessText("activateConfirmTitle") }
    public func activateConfirmLead(_ business: String) -> String { businessText("activateConfirmLead", ["business": business]) }
    public var activateConfirmButton: String { businessText("activateConfirmButton") }
    public var removeConfirmTitle: String { businessText("removeConfirmTitle") }
    public func removeConfirmLead(_ name: String, business: String) -> String {
        businessText("removeConfirmLead", ["business": business, "name": name])
    }
    public var removeConfirmButton: String { businessText("removeConfirmButton") }
    public var demoteConfirmTitle: String { businessText("demoteConfirmTitle") }
    public func demoteConfirmLead(_ name: String, role: String) -> String {
        businessText("demoteConfirmLead", ["name": name, "role": role])
    }
    public var demoteConfirmButton: String { businessText("demoteConfirmButton") }
    public var noChange: String { businessText("noChange") }
}

/// An invitation that cannot be accepted: each state its own sentence and its next step.
extension PageText {
    public var invitationUsed: String { businessText("invitationUsed") }
    public var invitationRevoked: String { businessText("invitationRevoked") }
    public var invitationExpired: String { businessText("invitationExpired") }
    public var invitationUnknown: String { businessText("invitationUnknown") }
    public func invitationProblem(_ state: String?) -> String {
        switch state {
        case "accepted": invitationUsed
        case "revoked": invitationRevoked
        case "expired": invitationExpired
        default: invitationUnknown
        }
    }
}
