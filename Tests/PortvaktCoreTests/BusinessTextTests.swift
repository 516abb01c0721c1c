@testable import PortvaktCore
import Testing

/// The business pages' texts come from `BusinessText.json` (a `TextCatalogue`): the file loads, every key it has
/// is asked for and every key asked for is in it, and every text comes out whole in both languages.
@Suite struct BusinessTextTests {
    @Test func theCatalogueHasEveryKeyInBothLanguagesWithTheSamePlaceholders() throws {
        let catalogue = try TextCatalogue(json: PageText.businessTextJSON, file: "BusinessText.json")
        #expect(catalogue.placeholders(of: "notActivatedYet") == ["business", "who"])
    }

    @Test func theAccessorsAskForExactlyTheCataloguesKeys() throws {
        // Linking a business is the business pages' feature too, so `LinkingText.swift` asks the same catalogue.
        try CatalogueSource.expectAsked(exactly: PageText.businessTexts.keys, by: "businessText", in: [
            "Sources/PortvaktCore/Businesses/BusinessText.swift", "Sources/PortvaktCore/Businesses/LinkingText.swift",
        ])
    }

    @Test(arguments: PageLanguage.allCases)
    func everyTextComesOutWholeWithItsValuesFilledIn(_ language: PageLanguage) {
        let t = PageText(language)
        let texts: [String] = [
            t.businessesTitle,
            t.businessesLink,
            t.noBusinesses,
            t.linkByEmail,
            t.customerNumber,
            t.pin,
            t.link,
            t.sendLink,
            t.wrongCustomerNumberOrPIN,
            t.linkAskedSeveralTimes,
            t.hasAdministrator,
            t.linkMailSent,
            t.linkInvalid,
            t.linked,
            t.activate,
            t.activateLead,
            t.activated,
            t.notActivated,
            t.userManagement,
            t.createUser,
            t.createUserLead,
            t.role,
            t.invite,
            t.invitationSent,
            t.invitationsTitle,
            t.resend,
            t.revoke,
            t.changeRole,
            t.remove,
            t.leave,
            t.lastAdministrator,
            t.roleChanged,
            t.memberRemoved,
            t.chooseBusiness,
            t.acceptInvitationTitle,
            t.accept,
            t.invitationWrongAddress,
            t.invitationAccepted,
            t.onboardingTitle,
            t.cancel,
            t.waitingForLink,
            t.goBackToLoginWindow,
            t.invitationLoggedOutLead,
            t.logInButton,
            t.createAccountButton,
            t.membersCaption,
            t.invitationsCaption,
            t.nameColumn,
            t.emailColumn,
            t.roleColumn,
            t.sinceColumn,
            t.actionsColumn,
            t.addressColumn,
            t.stateColumn,
            t.sentColumn,
            t.you,
            t.noInvitations,
            t.activateConfirmTitle,
            t.activateConfirmButton,
            t.removeConfirmTitle,
            t.removeConfirmButton,
            t.demoteConfirmTitle,
            t.demoteConfirmButton,
            t.noChange,
            t.invitationUsed,
            t.invitationRevoked,
            t.invitationExpired,
            t.invitationUnknown,
            t.addBusinessLead,
            t.add,
            t.customerNumberFormat,
            t.changeCustomerNumber,
            t.linkWithThePIN,
            t.linkWithThePINLead,
            t.noPIN,
            t.linkByEmailInsteadLead,
            t.linkByEmailOnlyLead,
        ] + ["pending", "accepted", "expired", "revoked"].map { t.invitationStateSentence($0) }
            + ["accepted", "revoked", "expired", nil].map { t.invitationProblem($0) }
        for text in texts {
            #expect(CatalogueSource.isWhole(text), "\(text)")
        }
        // Each value lands in its place.
        let filled: [(text: String, values: [String])] = [
            (t.welcome("Mina sidor"), ["Mina sidor"]),
            (t.pinTriedTooOften(minutes: 15), ["15"]),
            (t.pinWait(seconds: 42), ["42"]),
            (t.chooseBusinessLead("Portalen"), ["Portalen"]),
            (t.invitationLead("Kiosken AB", role: "ROLLEN"), ["Kiosken AB", "ROLLEN"]),
            (t.onboardingLead("Portalen"), ["Portalen"]),
            (t.activationLead("Kiosken AB"), ["Kiosken AB"]),
            (t.notActivatedYet("Kiosken AB", administrator: "Karin Ek"), ["Kiosken AB", "Karin Ek"]),
            (t.notActivatedYet("Kiosken AB", administrator: nil), ["Kiosken AB"]),
            (t.invitedBy("Karin Ek"), ["Karin Ek"]),
            (t.roleFor("Karin Ek"), ["Karin Ek"]),
            (t.removeNamed("Karin Ek"), ["Karin Ek"]),
            (t.resendTo("karin@kiosken.se"), ["karin@kiosken.se"]),
            (t.revokeTo("karin@kiosken.se"), ["karin@kiosken.se"]),
            (t.activateConfirmLead("Kiosken AB"), ["Kiosken AB"]),
            (t.removeConfirmLead("Karin Ek", business: "Kiosken AB"), ["Karin Ek", "Kiosken AB"]),
            (t.demoteConfirmLead("Karin Ek", role: "ROLLEN"), ["Karin Ek", "ROLLEN"]),
            (t.chosenCustomerNumber("0123436"), ["0123436"]),
            (t.organisationNumberLine("556036-0793"), ["556036-0793"]),
        ]
        for (text, values) in filled {
            #expect(values.allSatisfy(text.contains) && CatalogueSource.isWhole(text), "\(text)")
        }
    }

    @Test func theTextsAreTheOnesTheSwiftLiteralsHad() {
        let sv = PageText(.sv), en = PageText(.en)
        #expect(sv.pinWait(seconds: 30) == "För många försök. Vänta 30 sekunder och försök igen.")
        #expect(en.pinWait(seconds: 30) == "Too many attempts. Wait 30 seconds and try again.")
        #expect(sv.notActivatedYet("Kiosken AB", administrator: "Karin Ek")
            == "Verksamheten Kiosken AB är inte aktiverad än; administratören Karin Ek behöver aktivera den innan du kan logga in för verksamheten.")
        #expect(en.notActivatedYet("Kiosken AB", administrator: nil)
            == "The business Kiosken AB is not activated yet; the administrator must activate it before you can log in for it.")
        #expect(sv.invitationStateSentence("expired") == "Har gått ut. Bjud in igen om personen ska med.")
        #expect(en.invitationStateSentence("unknown") == "unknown")
        #expect(sv.organisationNumberLine("556036-0793") == "Organisationsnummer: 556036-0793")
        #expect(en.organisationNumberLine("556036-0793") == "Organisation number: 556036-0793")
        #expect(sv.linkByEmail == "Koppla via verksamhetens e-postadress" && en.you == "you")
        #expect(en.chosenCustomerNumber("0123436") == "Customer number: 0123436" && sv.noPIN == "Ingen PIN-kod?")
    }
}
