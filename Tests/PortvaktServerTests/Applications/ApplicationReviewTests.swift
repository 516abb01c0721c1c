import Foundation
import PortvaktCore
import PortvaktStore
import Testing

@testable import PortvaktServer

/// `ApplicationReview`'s own rule: a reviewer does not decide their own application (four eyes), whatever the
/// decision; the command line, deciding as no account, may.
@Suite struct ApplicationReviewTests {
    @Test func aReviewerDecidesNoneOfTheirOwnApplicationsAndNothingChanges() async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        try await portvakt.withServices { (services: PortvaktServices) async throws -> Void in
            let store = services.store
            let review = ApplicationReview(store: store, mail: services.mailQueue, configuration: portvakt.configuration)
            let now = Date()
            func account(_ id: String, _ personalNumber: String?) -> Account {
                Account(
                    id: id, email: "\(id)@example.se", emailVerified: true, givenName: id, familyName: nil, locale: nil, createdAt: now,
                    personalNumber: personalNumber)
            }
            let (karin, per) = (account("acc-karin", nil), account("acc-per", "198112289874"))
            try await store.createAccount(karin)
            try await store.createAccount(per)
            let applicant = Applicant(accountID: "acc-karin", name: "Karin Lund", email: "karin@example.se", personalNumber: nil, language: .sv)
            guard case .submitted(let application) = try await store.submitApplication(
                try DuplicateChecksTests.details("556036-0793"), applicant: applicant, at: now, source: nil)
            else { throw CancellationError() }

            #expect(!ApplicationReview.mayDecide(application, reviewer: karin))
            #expect(ApplicationReview.mayDecide(application, reviewer: per) && ApplicationReview.mayDecide(application, reviewer: nil))
            // The same person by BankID from a second account, and the reviewer's own sole trader business.
            var fromPersSecondAccount = application
            fromPersSecondAccount.applicant = Applicant(
                accountID: "acc-per-2", name: "Per", email: "per2@example.se", personalNumber: "198112289874", language: .sv)
            #expect(!ApplicationReview.mayDecide(fromPersSecondAccount, reviewer: per))
            var persSoleTrader = application
            persSoleTrader.details.organisationNumber = try #require(OrganisationNumber(normalised: "8112289874"))
            #expect(!ApplicationReview.mayDecide(persSoleTrader, reviewer: per))
            #expect(ApplicationReview.mayDecide(persSoleTrader, reviewer: account("acc-eva", "199001012385")))
            for decision: ApplicationDecision in [.approve, .requestInformation(message: "?"), .reject(reason: "x")] {
                let change = try await review.decide(id: application.id, decision, actor: "account:acc-karin", reviewer: "acc-karin", source: nil, now: now)
                #expect(change == .ownApplication, "\(decision)")
            }
            #expect(try await store.application(id: application.id) == application, "nothing changed")
            #expect(try await store.mailQueue(limit: 10).isEmpty)
            #expect(try await store.businesses().isEmpty)
            #expect(try await review.decide(id: application.id + 99, .approve, actor: "account:acc-per", reviewer: "acc-per", source: nil, now: now)
                == .notFound)

            let asked = try await review.decide(
                id: application.id, .requestInformation(message: "Vilken adress?"), actor: "account:acc-per", reviewer: "acc-per", source: nil, now: now)
            guard case .changed(let changed) = asked else { throw CancellationError() }
            #expect(changed.status == .infoRequested)
            #expect(try await store.mailQueue(limit: 10).map(\.message.to.address) == ["karin@example.se"], "queued with the decision")
        }
    }
}
