import Foundation
import PortvaktCore
import PortvaktStore
import Testing

@testable import PortvaktServer

/// The duplicate checks the desk and `portvakt applications show` both show, from `ApplicationReview`.
@Suite struct DuplicateChecksTests {
    static func details(_ number: String) throws -> ApplicationDetails {
        try ApplicationDetails.parse(
            [
                "org_number": number, "name": "Kiosken AB", "kind": "retailer", "street_address": "Storgatan 1", "postal_code": "111 22",
                "city": "Stockholm", "invoice_email": "faktura@example.se", "phone": "08-123 456 78",
            ], today: Date()
        ).get()
    }

    @Test func theRegistersBusinessesAndAnotherOpenApplicationButNotItself() async throws {
        let portvakt = try TestPortvakt()
        defer { portvakt.remove() }
        try await portvakt.withServices { (services: PortvaktServices) async throws -> Void in
            let store = services.store
            let review = ApplicationReview(store: store, mail: services.mailQueue, configuration: portvakt.configuration)
            let now = Date()
            func apply(_ number: String, _ account: String) async throws -> BusinessApplication {
                let applicant = Applicant(accountID: account, name: account, email: "\(account)@example.se", personalNumber: nil, language: .sv)
                guard case .submitted(let application) = try await store.submitApplication(Self.details(number), applicant: applicant, at: now, source: nil)
                else { throw CancellationError() }
                return application
            }
            let alone = try await apply("556036-0793", "acc-a")
            #expect(try await review.duplicateChecks(for: alone) == DuplicateChecks(registered: [], otherOpen: nil), "itself is no duplicate")

            // Rejected, the number is applied for again: the rejected one sees the open one; the open one sees none.
            _ = try await review.decide(id: alone.id, .reject(reason: "x"), actor: "cli", reviewer: nil, source: nil, now: now)
            let again = try await apply("556036-0793", "acc-b")
            #expect(try await review.duplicateChecks(for: alone).otherOpen == again)
            #expect(try await review.duplicateChecks(for: again).otherOpen == nil)

            let business = Business(
                customerNumber: "0123436", name: "Kiosken AB", kind: .retailer, registeredEmail: "info@kiosken.se", pinHash: nil,
                createdAt: Date(timeIntervalSince1970: 1_800_000_000), organisationNumber: "5560360793")
            try await store.saveBusiness(business)
            #expect(try await review.duplicateChecks(for: again).registered.map(\.customerNumber) == ["0123436"])
            let other = try await apply("212000-0142", "acc-c")
            #expect(try await review.duplicateChecks(for: other) == DuplicateChecks(registered: [], otherOpen: nil))
        }
    }
}
