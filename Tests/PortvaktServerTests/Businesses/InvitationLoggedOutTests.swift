import Foundation
import HTTPTypes
import PortvaktCore
import PortvaktCrypto
import PortvaktServer
import PortvaktStore
import Testing

/// A colleague opens the invitation mail while logged out: the page says what it is, and signing up with the
/// invited address needs no second code and ends on the accepted invitation.
@Suite struct InvitationLoggedOutTests {
    @Test func aLoggedOutInviteeSignsUpAndLandsOnTheAcceptedInvitation() async throws {
        try await BusinessPagesTests().run { h in
            let admin = try await h.passwordAccount(email: "karin@kiosken.se")
            #expect(try await h.services.store.linkFirstAdministrator(customerNumber: "0123436", accountID: admin.id, at: h.clock.now) == .linked)
            let token = "invite-token-olle-0123456789"
            try await h.services.store.createInvitation(
                Invitation(
                    id: "inv-olle", customerNumber: "0123436", email: "olle@kiosken.se", role: .user, invitedBy: admin.id, createdAt: h.clock.now,
                    expiresAt: h.clock.now.addingTimeInterval(86_400)),
                tokenDigest: Digest.sha256(token))
            h.jar.clear()
            let page = try await h.get("\(BusinessRoutes.acceptInvitation)?token=\(token)")
            #expect(page.status == .ok && page.body.contains("Du är inbjuden till Pantbutiken som Användare."))
            #expect(page.body.contains("Inbjudan kommer från Karin Lund.") && page.body.contains("Logga in") && page.body.contains("Skapa konto"))
            let signUpHref = try #require(page.body.firstMatch(of: try Regex(#"href="(/signup\?[^"]+)""#))?.output[1].substring)
            let signUp = try await h.get(OIDCHarness.unescape(String(signUpHref)))
            #expect(signUp.body.contains(#"value="olle@kiosken.se""#), "the invited address is filled in")
            let details = try await h.submit(signUp, action: AccountRoutes.signUp, ["email": "olle@kiosken.se"])
            #expect(details.body.contains("name=\"password\""), "no second code: \(details.body)")
            #expect(try await h.mails(to: "olle@kiosken.se").isEmpty)
            let done = try await h.submit(
                details, action: AccountRoutes.signUpDetails,
                ["password": OIDCHarness.password, "given_name": "Olle", "family_name": "Berg", "privacy": "yes"])
            #expect(done.status == .seeOther && done.location?.hasPrefix(BusinessRoutes.business("0123436")) == true, "\(done.location ?? done.body)")
            let olle = try #require(try await h.services.store.account(email: "olle@kiosken.se"))
            #expect(try await h.services.store.members(customerNumber: "0123436").contains { $0.accountID == olle.id && $0.role == .user })
            let business = try await h.get(try #require(done.location))
            #expect(business.body.contains("Du är nu med i verksamheten."))
        }
    }

    @Test func anotherAddressStillNeedsItsCodeAndAnUnknownTokenSaysSo() async throws {
        try await BusinessPagesTests().run { h in
            let admin = try await h.passwordAccount(email: "karin@kiosken.se")
            try await h.services.store.createInvitation(
                Invitation(
                    id: "inv-olle", customerNumber: "0123436", email: "olle@kiosken.se", role: .user, invitedBy: admin.id, createdAt: h.clock.now,
                    expiresAt: h.clock.now.addingTimeInterval(86_400)),
                tokenDigest: Digest.sha256("tok-1"))
            h.jar.clear()
            let page = try await h.get("\(BusinessRoutes.acceptInvitation)?token=tok-1")
            let signUpHref = try #require(page.body.firstMatch(of: try Regex(#"href="(/signup\?[^"]+)""#))?.output[1].substring)
            let signUp = try await h.get(OIDCHarness.unescape(String(signUpHref)))
            let codePage = try await h.submit(signUp, action: AccountRoutes.signUp, ["email": "someone.else@kiosken.se"])
            #expect(codePage.body.contains("Verifieringskod"), "another address proves itself with a code")
            // An invitation revoked after its proof was taken proves nothing any more.
            h.jar.clear()
            let again = try await h.get("\(BusinessRoutes.acceptInvitation)?token=tok-1")
            let signUpAgainHref = try #require(again.body.firstMatch(of: try Regex(#"href="(/signup\?[^"]+)""#))?.output[1].substring)
            let signUpAgain = try await h.get(OIDCHarness.unescape(String(signUpAgainHref)))
            let details = try await h.submit(signUpAgain, action: AccountRoutes.signUp, ["email": "olle@kiosken.se"])
            #expect(try await h.services.store.revokeInvitation(id: "inv-olle", customerNumber: "0123436", at: h.clock.now))
            let refused = try await h.submit(
                details, action: AccountRoutes.signUpDetails,
                ["password": OIDCHarness.password, "given_name": "Olle", "family_name": "Berg", "privacy": "yes"])
            #expect(refused.status == .badRequest && refused.body.contains("Formuläret har gått ut"))
            #expect(try await h.services.store.account(email: "olle@kiosken.se") == nil, "no account for an address nobody proved")
            let unknown = try await h.get("\(BusinessRoutes.acceptInvitation)?token=nope")
            #expect(unknown.status == .notFound && unknown.body.contains("Länken till inbjudan fungerar inte."))
            let revoked = try await h.get("\(BusinessRoutes.acceptInvitation)?token=tok-1")
            #expect(revoked.body.contains("Administratören har återkallat inbjudan. Be administratören om en ny inbjudan"), "its own sentence")
        }
    }
}
