import Foundation
import HTTPTypes
import PortvaktCore
import PortvaktCrypto
import PortvaktServer
import PortvaktStore
import Testing

/// Issue 14 at the router: no PIN oracle once a business has an administrator, a double submit never does a second
/// thing, what cannot be undone has a confirm step, and the administrator's page is tables with unique ids.
@Suite struct BusinessConfirmationTests {
    let pages = BusinessPagesTests()

    /// Karin (administrator of Pantbutiken) and Olle (a user there, through an accepted invitation).
    func karinAndOlle(_ h: OIDCHarness) async throws -> (karin: Account, olle: Account) {
        let page = try await pages.loggedIn(h, "karin@kiosken.se")
        _ = try await pages.linkWithPIN(h, page)
        let karin = try #require(try await h.services.store.account(email: "karin@kiosken.se"))
        let olle = Account(
            id: "acc-olle", email: "olle@kiosken.se", emailVerified: true, givenName: "Olle", familyName: "Ek", locale: "sv-SE", createdAt: h.clock.now)
        try await h.services.store.createAccount(olle)
        let invitation = Invitation(
            id: "inv-olle", customerNumber: "0123436", email: "olle@kiosken.se", role: .user, invitedBy: karin.id, createdAt: h.clock.now,
            expiresAt: h.clock.now.addingTimeInterval(86_400))
        try await h.services.store.createInvitation(invitation, tokenDigest: Digest.sha256("olle-token"))
        let accepted = try await h.services.store.acceptInvitation(
            tokenDigest: Digest.sha256("olle-token"), accountID: olle.id, verifiedEmail: "olle@kiosken.se", now: h.clock.now)
        #expect(accepted == .accepted(customerNumber: "0123436", role: .user))
        _ = try await pages.loggedIn(h, "karin@kiosken.se")
        return (karin, olle)
    }

    @Test func onceABusinessHasAnAdministratorEveryPINGetsTheSameAnswerAndNoPINIsChecked() async throws {
        try await pages.run { h in
            _ = try await karinAndOlle(h)
            let eve = try await pages.loggedIn(h, "eve@example.se")
            var bodies: [String] = []
            for pin in [BusinessPagesTests.pin, "0000", ""] {
                let answer = try await pages.linkWithPIN(h, eve, pin: pin)
                #expect(answer.status == .badRequest)
                #expect(answer.body.contains("Verksamheten har redan en administratör. Be administratören om en inbjudan."), "PIN \(pin)")
                bodies.append(answer.body)
            }
            #expect(Set(bodies).count == 1, "the right PIN, a wrong one and none answer alike")
            let failures = try await h.services.store.auditEvents(limit: 200, before: nil).filter { $0.action == "business.pin_failed" }
            #expect(failures.isEmpty, "no PIN was checked")
        }
    }

    /// The answer "has an administrator" tells that the number is a business: asking for it spends the asker's own
    /// PIN budget, as a wrong PIN does, so the register cannot be read off without a limit.
    @Test func askingAboutABusinessWithAnAdministratorSpendsTheAskersOwnTries() async throws {
        try await pages.run { h in
            _ = try await karinAndOlle(h)
            let eve = try await pages.loggedIn(h, "eve@example.se")
            for _ in 0..<5 {
                let answer = try await pages.linkWithPIN(h, eve, pin: "0000")
                #expect(answer.body.contains("Verksamheten har redan en administratör."))
            }
            let stopped = try await pages.linkWithPIN(h, eve, pin: "0000")
            #expect(stopped.body.contains("Du har angett fel PIN-kod för många gånger") && !stopped.body.contains("redan en administratör"))
        }
    }

    @Test func aDoubleClickOnKopplaLinksOnceAndDoesNotActivate() async throws {
        try await pages.run { h in
            let page = try await pages.loggedIn(h, "karin@kiosken.se")
            let first = try await pages.linkWithPIN(h, page)
            let second = try await pages.linkWithPIN(h, page)
            #expect(first.status == .seeOther && second.status == .seeOther && first.location == second.location, "the second submit lands alike")
            #expect(try await h.services.store.business(customerNumber: "0123436")?.activatedAt == nil, "linked, not activated")
            let linked = try await h.services.store.auditEvents(limit: 100, before: nil).filter { $0.action == "business.linked" }
            #expect(linked.count == 1)
            // Back to the businesses page (a GET) is harmless.
            #expect(try await h.get(BusinessRoutes.list).status == .ok)
        }
    }

    @Test func removingAMemberAndDemotingAnAdministratorAskFirstAndRepeatHarmlessly() async throws {
        try await pages.run { h in
            let (_, olle) = try await karinAndOlle(h)
            let base = BusinessRoutes.business("0123436")
            var business = try await h.get(base)
            // A promotion needs no confirmation.
            let promoted = try await h.submit(business, action: "\(base)/members/\(olle.id)/role", ["role": "admin"])
            #expect(promoted.status == .seeOther && promoted.location?.contains("done=role") == true)
            #expect(try await h.services.store.members(customerNumber: "0123436").first { $0.accountID == olle.id }?.role == .admin)
            // Demoting an administrator goes to a confirm page first.
            business = try await h.get(base)
            let demote = try await h.submit(business, action: "\(base)/members/\(olle.id)/role", ["role": "user"])
            #expect(demote.status == .seeOther && demote.location?.hasPrefix("\(base)/members/\(olle.id)/role?") == true)
            #expect(try await h.services.store.members(customerNumber: "0123436").first { $0.accountID == olle.id }?.role == .admin)
            let confirmDemotion = try await h.get(try #require(demote.location))
            #expect(confirmDemotion.status == .ok && confirmDemotion.body.contains("Ta bort administratörsrollen?"))
            let demoted = try await h.submit(confirmDemotion, action: "\(base)/members/\(olle.id)/role", ["confirm": "yes"])
            #expect(demoted.status == .seeOther)
            #expect(try await h.services.store.members(customerNumber: "0123436").first { $0.accountID == olle.id }?.role == .user)
            // Removing asks first; confirming twice removes once and lands alike.
            business = try await h.get(base)
            let remove = try await h.submit(business, action: "\(base)/members/\(olle.id)/remove")
            #expect(remove.status == .seeOther && remove.location?.hasPrefix("\(base)/members/\(olle.id)/remove") == true)
            #expect(try await h.services.store.members(customerNumber: "0123436").count == 2, "nothing before the confirmation")
            let confirmRemoval = try await h.get(try #require(remove.location))
            #expect(confirmRemoval.body.contains("Ta bort användaren?") && confirmRemoval.body.contains("Olle Ek kan då inte längre"))
            let first = try await h.submit(confirmRemoval, action: "\(base)/members/\(olle.id)/remove", ["confirm": "yes"])
            let second = try await h.submit(confirmRemoval, action: "\(base)/members/\(olle.id)/remove", ["confirm": "yes"])
            #expect(first.status == .seeOther && second.status == .seeOther && first.location == second.location)
            #expect(try await h.services.store.members(customerNumber: "0123436").count == 1)
        }
    }

    @Test func theAdministratorsPageIsTablesWithUniqueIdsLabelledRowsAndNoEmptyButtons() async throws {
        try await pages.run { h in
            _ = try await karinAndOlle(h)
            let base = BusinessRoutes.business("0123436")
            var business = try await h.get(base)
            _ = try await h.submit(business, action: "\(base)/invite", ["email": "revoked@kiosken.se", "role": "user"])
            let revoked = try #require(try await h.services.store.invitations(customerNumber: "0123436").first { $0.email == "revoked@kiosken.se" })
            _ = try await h.submit(try await h.get(base), action: "\(base)/invitations/\(revoked.id)/revoke")
            business = try await h.get(base)
            let body = business.body
            #expect(body.contains("<caption id=\"members-caption\">") && body.contains("<caption id=\"invitations-caption\">"))
            let ids = body.matches(of: /\sid="([^"]+)"/).map { String($0.1) }
            #expect(Set(ids).count == ids.count, "every id once: \(ids)")
            let labelled = body.matches(of: /<label for="([^"]+)"/).map { String($0.1) }
            #expect(labelled.allSatisfy { ids.contains($0) })
            #expect(!body.contains(">Roll för Karin Lund</label>"), "no role control for yourself")
            #expect(body.contains(">Roll för Olle Ek</label>") && body.contains(#"aria-label="Ta bort Olle Ek""#))
            #expect(body.firstMatch(of: /<button[^>]*>\s*<\/button>/) == nil, "no empty button")
            let invitations = body.components(separatedBy: "invitations-caption").last ?? ""
            #expect(invitations.contains(#"<th scope="row">olle@kiosken.se</th><td>Användare</td><td>Accepterad</td>"#))
            #expect(!pages.row(business, "revoked@kiosken.se").contains("<button"), "no actions beside a revoked invitation")
        }
    }
}
