import Foundation
import Testing

@testable import PortvaktCore
@testable import PortvaktStore

/// Applications from new customers, on every backend: one open application per organisation number, one decision
/// per application, customer numbers given once and never again, whatever runs at the same time on other nodes.
@Suite struct ApplicationStoreConformanceTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let range = CustomerNumberRange(lower: 9_000_000, upper: 9_999_999, width: 7)

    /// A valid organisation number (a limited company's, `5560…`) for each `index`, its check digit computed.
    static func organisationNumber(_ index: Int) -> String {
        let nine = "5560" + String(format: "%05d", index)
        return nine + String(PersonalNumber.luhnDigit(nine))
    }

    func details(_ index: Int, name: String = "Kiosken AB") throws -> ApplicationDetails {
        ApplicationDetails(
            organisationNumber: try #require(OrganisationNumber(normalised: Self.organisationNumber(index))), name: name, kind: .retailer,
            streetAddress: "Storgatan 1", postalCode: "11122", city: "Stockholm", invoiceEmail: "faktura@kiosken.se", phone: "08-123 456 78")
    }

    func applicant(_ index: Int) -> Applicant {
        Applicant(
            accountID: "acc-\(index)", name: "Person \(index)", email: "p\(index)@example.se", personalNumber: index == 0 ? "198112289874" : nil,
            language: index == 0 ? .sv : .en)
    }

    func seed(_ store: SQLStore, accounts: Int) async throws {
        for index in 0..<accounts {
            try await store.createAccount(Account(
                id: "acc-\(index)", email: "p\(index)@example.se", emailVerified: true, givenName: "Person", familyName: "\(index)", locale: nil,
                createdAt: t0))
        }
    }

    func submitted(_ submission: ApplicationSubmission, sourceLocation: SourceLocation = #_sourceLocation) throws -> BusinessApplication {
        guard case .submitted(let application) = submission else {
            Issue.record("not submitted: \(submission)", sourceLocation: sourceLocation)
            throw CancellationError()
        }
        return application
    }

    func changed(_ change: ApplicationChange, sourceLocation: SourceLocation = #_sourceLocation) throws -> BusinessApplication {
        guard case .changed(let application) = change else {
            Issue.record("not changed: \(change)", sourceLocation: sourceLocation)
            throw CancellationError()
        }
        return application
    }

    @Test(arguments: TestBackend.all)
    func anApplicationIsSubmittedUnlessItsNumberIsRegisteredOrUnderReview(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                try await seed(store, accounts: 2)
                try await store.saveBusiness(Business(
                    customerNumber: "0123436", name: "Pantbutiken", kind: .retailer, registeredEmail: "panta@pantbutiken.se", pinHash: nil,
                    createdAt: t0, organisationNumber: Self.organisationNumber(1)))
                #expect(try await store.submitApplication(details(1), applicant: applicant(0), at: t0, source: nil) == .registered)

                let application = try submitted(try await store.submitApplication(details(2), applicant: applicant(0), at: t0, source: "192.0.2.1"))
                let expected = try details(2)
                #expect(application.status == .submitted && application.details == expected && application.applicant == applicant(0))
                #expect(application.reference == BusinessApplication.reference(application.id))
                #expect(try await store.application(id: application.id) == application, "read back as it was stored")
                #expect(try await store.application(id: application.id + 1000) == nil)
                #expect(try await store.openApplication(organisationNumber: Self.organisationNumber(2)) == application)
                #expect(try await store.openApplication(organisationNumber: Self.organisationNumber(3)) == nil)
                #expect(try await store.businesses(organisationNumber: Self.organisationNumber(1)).map(\.customerNumber) == ["0123436"])
                #expect(try await store.businesses(organisationNumber: Self.organisationNumber(2)).isEmpty)

                // Whoever sends it, a number under review is not taken twice, and the answer does not say who applied.
                #expect(try await store.submitApplication(details(2, name: "Other"), applicant: applicant(1), at: t0, source: nil) == .underReview)
                #expect(try await store.submitApplication(details(2), applicant: applicant(0), at: t0, source: nil) == .underReview)
                let second = try submitted(try await store.submitApplication(details(3), applicant: applicant(0), at: t0.addingTimeInterval(5), source: nil))
                #expect(try await store.applications(accountID: "acc-0").map(\.id) == [second.id, application.id], "newest first")
                #expect(try await store.applications(accountID: "acc-1").isEmpty)
                #expect(try await store.applications(statuses: [], limit: 10).count == 2, "refused submissions store nothing")
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func ofSubmissionsForOneNumberAtOnceExactlyOneIsOpen(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { try await seed($0, accounts: 8) }
            let details = try details(7)
            let outcomes = try await database.withStores(4) { stores in
                try await withThrowingTaskGroup(of: ApplicationSubmission.self) { group in
                    for index in 0..<8 {
                        let store = stores[index % 4]
                        let applicant = applicant(index)
                        group.addTask { try await store.submitApplication(details, applicant: applicant, at: self.t0, source: nil) }
                    }
                    return try await group.reduce(into: [ApplicationSubmission]()) { $0.append($1) }
                }
            }
            #expect(outcomes.filter { if case .submitted = $0 { true } else { false } }.count == 1)
            #expect(outcomes.filter { $0 == .underReview }.count == 7)
            try await database.withStore { (store: SQLStore) async throws -> Void in
                let stored = try await store.applications(statuses: [], limit: 100)
                #expect(stored.count == 1 && stored[0].status == .submitted)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func afterARejectionOrAWithdrawalTheNumberMayBeAppliedForAgain(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                try await seed(store, accounts: 2)
                let first = try submitted(try await store.submitApplication(details(4), applicant: applicant(0), at: t0, source: nil))
                _ = try changed(try await store.decideApplication(
                    id: first.id, decision: .reject(reason: "Not a business"), actor: "cli", at: t0, source: nil, customerNumbers: range))
                let second = try submitted(try await store.submitApplication(details(4), applicant: applicant(1), at: t0, source: nil))
                #expect(second.id != first.id)
                _ = try changed(try await store.withdrawApplication(id: second.id, accountID: "acc-1", at: t0, source: nil))
                let third = try submitted(try await store.submitApplication(details(4), applicant: applicant(0), at: t0, source: nil))
                #expect(try await store.openApplication(organisationNumber: Self.organisationNumber(4))?.id == third.id)
                #expect(try await store.applications(statuses: [], limit: 10).map(\.status) == [.rejected, .withdrawn, .submitted])
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func anApprovalIsRefusedWhenAnImportGaveTheRegisterTheNumberSinceItWasSent(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                try await seed(store, accounts: 1)
                let application = try submitted(try await store.submitApplication(details(7), applicant: applicant(0), at: t0, source: nil))
                // The import, after the application was sent: the register now has the number.
                try await store.saveBusiness(Business(
                    customerNumber: "0123436", name: "Kiosken AB", kind: .retailer, registeredEmail: "faktura@kiosken.se", pinHash: nil,
                    createdAt: t0, organisationNumber: Self.organisationNumber(7)))
                #expect(try await store.decideApplication(
                    id: application.id, decision: .approve, actor: "cli", at: t0.addingTimeInterval(5), source: nil, customerNumbers: range)
                    == .registered(customerNumber: "0123436"))

                // Nothing changed: still open, no second business with the number, no administrator, no number taken.
                #expect(try await store.application(id: application.id) == application)
                #expect(try await store.businesses(organisationNumber: Self.organisationNumber(7)).map(\.customerNumber) == ["0123436"])
                #expect(try await store.memberships(accountID: "acc-0").isEmpty)
                #expect(try await store.applicationHistory(id: application.id).map(\.action) == ["application.submitted"])
                #expect(try await store.auditEvents(limit: 10, before: nil).allSatisfy { $0.action != "business.added" })
                let other = try submitted(try await store.submitApplication(details(9), applicant: applicant(0), at: t0, source: nil))
                #expect(try changed(try await store.decideApplication(
                    id: other.id, decision: .approve, actor: "cli", at: t0, source: nil, customerNumbers: range)).customerNumber == "9000000",
                    "the refused approval took no number")

                // Rejecting it, as the refusal suggests, is still open to the reviewer.
                #expect(try changed(try await store.decideApplication(
                    id: application.id, decision: .reject(reason: "Redan kund"), actor: "cli", at: t0, source: nil, customerNumbers: range))
                    .status == .rejected)
            }
        }
    }

    /// The applicant's mail for an application as it is: its reference, status and customer number in the subject.
    static func mail(_ application: BusinessApplication) -> MailMessage {
        MailMessage(
            from: MailAddress(address: "portvakt@example.se"), to: MailAddress(address: application.applicant.email),
            subject: "\(application.reference) \(application.status.rawValue) \(application.customerNumber ?? "-")", text: "text", html: "html")
    }

    @Test(arguments: TestBackend.all)
    func theApplicantsMailIsQueuedIfAndOnlyIfTheSubmissionOrTheDecisionCommitted(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                try await seed(store, accounts: 2)
                func subjects() async throws -> [String] { try await store.mailQueue(limit: 20).map(\.message.subject).sorted() }
                let small = CustomerNumberRange(lower: 1000, upper: 1000, width: 4)
                func approve(_ id: Int64) async throws -> ApplicationChange {
                    try await store.decideApplication(
                        id: id, decision: .approve, actor: "cli", at: t0, source: nil, customerNumbers: small, seenVersion: nil, mail: Self.mail)
                }
                try await store.saveBusiness(Business(
                    customerNumber: "0123436", name: "Pantbutiken", kind: .retailer, registeredEmail: "panta@pantbutiken.se", pinHash: nil,
                    createdAt: t0, organisationNumber: Self.organisationNumber(91)))
                #expect(try await store.submitApplication(details(91), applicant: applicant(0), at: t0, source: nil, mail: Self.mail) == .registered)
                let first = try submitted(try await store.submitApplication(details(92), applicant: applicant(0), at: t0, source: nil, mail: Self.mail))
                #expect(try await store.submitApplication(details(92), applicant: applicant(1), at: t0, source: nil, mail: Self.mail) == .underReview)
                let second = try submitted(try await store.submitApplication(details(93), applicant: applicant(1), at: t0, source: nil, mail: Self.mail))
                let (a, b) = (first.reference, second.reference)
                #expect(try await subjects() == ["\(a) submitted -", "\(b) submitted -"], "one mail per stored application")
                let queued = try await store.mailQueue(limit: 20)
                #expect(queued.allSatisfy { $0.createdAt == t0 && $0.sentAt == nil } && Set(queued.map(\.id)).count == 2)

                _ = try changed(try await store.decideApplication(
                    id: first.id, decision: .requestInformation(message: "?"), actor: "cli", at: t0, source: nil, customerNumbers: small,
                    seenVersion: nil, mail: Self.mail))
                _ = try changed(try await approve(second.id))
                #expect(try await approve(second.id) == .refused(.alreadyFinal(.approved)), "a refused second approval queues nothing")
                #expect(try await store.decideApplication(
                    id: second.id, decision: .reject(reason: "x"), actor: "cli", at: t0, source: nil, customerNumbers: small, seenVersion: nil, mail: Self.mail)
                    == .refused(.alreadyFinal(.approved)))
                #expect(try await approve(first.id + 99) == .notFound)
                _ = try changed(try await store.answerApplication(
                    id: first.id, accountID: "acc-0", details: details(92), answer: "!", at: t0, source: nil))
                #expect(try await approve(first.id) == .customerNumbersExhausted, "rolled back: no mail")
                #expect(try await subjects() == ["\(a) info_requested -", "\(a) submitted -", "\(b) approved 1000", "\(b) submitted -"])
            }
        }
    }

    @Test(arguments: TestBackend.all, [2, 8])
    func ofApprovalsOfOneApplicationAtOnceExactlyOneGivesACustomerNumber(_ backend: TestBackend, _ reviewers: Int) async throws {
        try await TestDatabase.with(backend) { database in
            let id = try await database.withStore { store in
                try await seed(store, accounts: 1)
                return try submitted(try await store.submitApplication(details(5), applicant: applicant(0), at: t0, source: nil)).id
            }
            let range = self.range
            let outcomes = try await database.withStores(4) { stores in
                try await withThrowingTaskGroup(of: ApplicationChange.self) { group in
                    for index in 0..<reviewers {
                        let store = stores[index % 4]
                        group.addTask {
                            try await store.decideApplication(
                                id: id, decision: .approve, actor: "account:rev-\(index)", at: self.t0, source: nil, customerNumbers: range)
                        }
                    }
                    return try await group.reduce(into: [ApplicationChange]()) { $0.append($1) }
                }
            }
            let approved = outcomes.compactMap { if case .changed(let application) = $0 { application } else { nil } }
            #expect(approved.count == 1 && approved.first?.customerNumber == "9000000" && approved.first?.status == .approved)
            #expect(outcomes.filter { $0 == .refused(.alreadyFinal(.approved)) }.count == reviewers - 1)
            try await database.withStore { (store: SQLStore) async throws -> Void in
                let businesses = try await store.businesses()
                #expect(businesses.map(\.customerNumber) == ["9000000"])
                #expect(businesses.first?.organisationNumber == Self.organisationNumber(5) && businesses.first?.name == "Kiosken AB")
                #expect(businesses.first?.activatedAt == nil && businesses.first?.pinHash == nil)
                let members = try await store.members(customerNumber: "9000000")
                #expect(members.map(\.accountID) == ["acc-0"] && members.first?.role == .admin)
                let application = try #require(try await store.application(id: id))
                #expect(application.status == .approved && application.customerNumber == "9000000" && application.decidedAt == t0)
                let approvals = try await store.applicationHistory(id: id).filter { $0.action == "application.approved" }
                #expect(approvals.count == 1 && approvals.first?.details["customer_number"] == "9000000")
                // Once approved, nothing else may change it.
                #expect(try await store.decideApplication(
                    id: id, decision: .reject(reason: "late"), actor: "cli", at: t0, source: nil, customerNumbers: range)
                    == .refused(.alreadyFinal(.approved)))
                #expect(try await store.withdrawApplication(id: id, accountID: "acc-0", at: t0, source: nil) == .refused(.alreadyFinal(.approved)))
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func ofAnApprovalAndARejectionAtOnceOneWinsAndTheOtherIsToldWhat(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            let id = try await database.withStore { store in
                try await seed(store, accounts: 1)
                return try submitted(try await store.submitApplication(details(6), applicant: applicant(0), at: t0, source: nil)).id
            }
            let range = self.range
            let outcomes = try await database.withStores(2) { stores in
                async let approval = stores[0].decideApplication(
                    id: id, decision: .approve, actor: "account:rev-1", at: t0, source: nil, customerNumbers: range)
                async let rejection = stores[1].decideApplication(
                    id: id, decision: .reject(reason: "No"), actor: "account:rev-2", at: t0, source: nil, customerNumbers: range)
                return try await [approval, rejection]
            }
            let winners = outcomes.compactMap { if case .changed(let application) = $0 { application } else { nil } }
            try #require(winners.count == 1)
            let final = winners[0].status
            #expect(outcomes.contains(.refused(.alreadyFinal(final))))
            try await database.withStore { (store: SQLStore) async throws -> Void in
                #expect(try await store.businesses().count == (final == .approved ? 1 : 0))
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func ofAWithdrawalAndAnApprovalAtOnceOneWinsAndNoBusinessOutlivesAWithdrawal(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            let id = try await database.withStore { store in
                try await seed(store, accounts: 1)
                return try submitted(try await store.submitApplication(details(8), applicant: applicant(0), at: t0, source: nil)).id
            }
            let range = self.range
            let outcomes = try await database.withStores(2) { stores in
                async let withdrawal = stores[0].withdrawApplication(id: id, accountID: "acc-0", at: t0, source: nil)
                async let approval = stores[1].decideApplication(
                    id: id, decision: .approve, actor: "account:rev", at: t0, source: nil, customerNumbers: range)
                return try await [withdrawal, approval]
            }
            let winners = outcomes.compactMap { if case .changed(let application) = $0 { application } else { nil } }
            try #require(winners.count == 1)
            #expect(outcomes.contains(.refused(.alreadyFinal(winners[0].status))))
            try await database.withStore { (store: SQLStore) async throws -> Void in
                let businesses = try await store.businesses()
                #expect(businesses.map(\.customerNumber) == (winners[0].status == .approved ? ["9000000"] : []))
                #expect(try await store.application(id: id)?.status == winners[0].status)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func approvalsOfDifferentApplicationsAtOnceGetDistinctNumbers(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            let ids = try await database.withStore { store in
                try await seed(store, accounts: 6)
                var ids: [Int64] = []
                for index in 0..<6 {
                    ids.append(try submitted(try await store.submitApplication(details(10 + index), applicant: applicant(index), at: t0, source: nil)).id)
                }
                return ids
            }
            let range = self.range
            let numbers = try await database.withStores(4) { stores in
                try await withThrowingTaskGroup(of: String?.self) { group in
                    for (index, id) in ids.enumerated() {
                        let store = stores[index % 4]
                        group.addTask {
                            let change = try await store.decideApplication(
                                id: id, decision: .approve, actor: "cli", at: self.t0, source: nil, customerNumbers: range)
                            if case .changed(let application) = change { return application.customerNumber }
                            return nil
                        }
                    }
                    return try await group.reduce(into: [String?]()) { $0.append($1) }
                }
            }
            #expect(numbers.compactMap { $0 }.sorted() == (0..<6).map { String(9_000_000 + $0) })
            try await database.withStore { (store: SQLStore) async throws -> Void in
                #expect(try await store.businesses().count == 6)
                for index in 0..<6 {
                    #expect(try await store.memberships(accountID: "acc-\(index)").count == 1, "each applicant administers their own")
                }
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func customerNumbersAscendAreNeverReusedAndSkipTheRegistersOwn(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                try await seed(store, accounts: 1)
                let small = CustomerNumberRange(lower: 1000, upper: 1004, width: 4)
                // 1001 and 1003 are taken by the imported register.
                for number in ["1001", "1003"] {
                    try await store.saveBusiness(Business(
                        customerNumber: number, name: "Imported \(number)", kind: .producer, registeredEmail: "r\(number)@example.se", pinHash: nil,
                        createdAt: t0))
                }
                var ids: [Int64] = []
                for index in 0..<5 {
                    ids.append(try submitted(try await store.submitApplication(details(20 + index), applicant: applicant(0), at: t0, source: nil)).id)
                }
                func approve(_ id: Int64, _ range: CustomerNumberRange) async throws -> ApplicationChange {
                    try await store.decideApplication(id: id, decision: .approve, actor: "cli", at: t0, source: nil, customerNumbers: range)
                }
                #expect(try changed(try await approve(ids[0], small)).customerNumber == "1000")
                #expect(try changed(try await approve(ids[1], small)).customerNumber == "1002", "1001 is the register's")
                // A business removed from the table directly does not give its number back.
                try await store.backend.withSession { db in try await db.delete(from: "businesses").where("customer_number", .equal, "1000").run() }
                #expect(try changed(try await approve(ids[2], small)).customerNumber == "1004", "1003 skipped, 1000 not reused")

                // Exhausted: the application stays open and nothing changes.
                let eventsBefore = try await store.auditEvents(limit: 1000, before: nil).count
                #expect(try await approve(ids[3], small) == .customerNumbersExhausted)
                let waiting = try #require(try await store.application(id: ids[3]))
                #expect(waiting.status == .submitted && waiting.customerNumber == nil && waiting.decidedAt == nil)
                #expect(try await store.auditEvents(limit: 1000, before: nil).count == eventsBefore)
                #expect(try await store.businesses().map(\.customerNumber) == ["1001", "1002", "1003", "1004"])
                #expect(try await store.businesses(organisationNumber: Self.organisationNumber(23)).isEmpty)

                // A wider range goes on after the last number given, and a range above it starts at its lower bound.
                #expect(try changed(try await approve(ids[3], CustomerNumberRange(lower: 1000, upper: 1010, width: 4))).customerNumber == "1005")
                #expect(try changed(try await approve(ids[4], CustomerNumberRange(lower: 50000, upper: 59999, width: 5))).customerNumber == "50000")
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func aRangeMovedBelowOrAboveTheNumbersGivenStartsAtItsLowerBoundAndSkipsEveryNumberGivenBefore(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                try await seed(store, accounts: 1)
                var ids: [Int64] = []
                for index in 0..<5 {
                    ids.append(try submitted(try await store.submitApplication(details(80 + index), applicant: applicant(0), at: t0, source: nil)).id)
                }
                func approve(_ id: Int64, _ range: String) async throws -> ApplicationChange {
                    try await store.decideApplication(
                        id: id, decision: .approve, actor: "cli", at: t0, source: nil, customerNumbers: try CustomerNumberRange.parse(range).get())
                }
                #expect(try changed(try await approve(ids[0], "9000-9999")).customerNumber == "9000")
                #expect(try changed(try await approve(ids[1], "9000-9999")).customerNumber == "9001")
                // Only the approval remembers 9000 once its business is gone from the table.
                try await store.backend.withSession { db in try await db.delete(from: "businesses").where("customer_number", .equal, "9000").run() }
                #expect(try changed(try await approve(ids[2], "5000-5999")).customerNumber == "5000", "a range below starts at its lower bound")
                #expect(try await approve(ids[3], "9000-9001") == .customerNumbersExhausted, "every number of it was given")
                #expect(try changed(try await approve(ids[3], "9000-9999")).customerNumber == "9002", "9000 and 9001 were given")
                #expect(try changed(try await approve(ids[4], "5000-5999")).customerNumber == "5001")
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func onlyTheApplicantAnswersAndOnlyWhileInformationIsRequested(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                try await seed(store, accounts: 2)
                let application = try submitted(try await store.submitApplication(details(30), applicant: applicant(0), at: t0, source: nil))
                let id = application.id
                var changedDetails = try details(31, name: "Kiosken i Norr AB")
                changedDetails.city = "Luleå"
                #expect(try await store.answerApplication(id: id, accountID: "acc-0", details: changedDetails, answer: "Här", at: t0, source: nil)
                    == .refused(.notExpected(.submitted)), "nobody asked")

                let asked = try changed(try await store.decideApplication(
                    id: id, decision: .requestInformation(message: "Vilken adress?"), actor: "account:rev", at: t0.addingTimeInterval(10),
                    source: nil, customerNumbers: range))
                #expect(asked.status == .infoRequested && asked.question == "Vilken adress?" && asked.decidedAt == nil)
                #expect(try await store.openApplication(organisationNumber: Self.organisationNumber(30))?.id == id, "still open")
                #expect(try await store.answerApplication(id: id, accountID: "acc-1", details: changedDetails, answer: "x", at: t0, source: nil)
                    == .notFound, "another account's application is not found")

                let answered = try changed(try await store.answerApplication(
                    id: id, accountID: "acc-0", details: changedDetails, answer: "Storgatan 1, Luleå", at: t0.addingTimeInterval(20), source: nil))
                #expect(answered.status == .submitted && answered.answer == "Storgatan 1, Luleå" && answered.question == "Vilken adress?")
                #expect(answered.details.name == "Kiosken i Norr AB" && answered.details.city == "Luleå")
                #expect(answered.details.organisationNumber.digits == Self.organisationNumber(30), "the number stays the application's own")
                #expect(answered.updatedAt == t0.addingTimeInterval(20) && answered.createdAt == t0)
                #expect(try await store.answerApplication(id: id, accountID: "acc-0", details: changedDetails, answer: "again", at: t0, source: nil)
                    == .refused(.notExpected(.submitted)))
                #expect(try await store.answerApplication(id: id + 99, accountID: "acc-0", details: changedDetails, answer: "x", at: t0, source: nil)
                    == .notFound)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func onlyTheApplicantWithdrawsAndOnlyAnOpenApplication(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                try await seed(store, accounts: 2)
                let id = try submitted(try await store.submitApplication(details(40), applicant: applicant(0), at: t0, source: nil)).id
                #expect(try await store.withdrawApplication(id: id, accountID: "acc-1", at: t0, source: nil) == .notFound)
                _ = try changed(try await store.decideApplication(
                    id: id, decision: .requestInformation(message: "?"), actor: "cli", at: t0, source: nil, customerNumbers: range))
                let withdrawn = try changed(try await store.withdrawApplication(id: id, accountID: "acc-0", at: t0.addingTimeInterval(5), source: nil))
                #expect(withdrawn.status == .withdrawn && withdrawn.decidedAt == t0.addingTimeInterval(5))
                #expect(try await store.withdrawApplication(id: id, accountID: "acc-0", at: t0, source: nil) == .refused(.alreadyFinal(.withdrawn)))
                #expect(try await store.decideApplication(id: id, decision: .approve, actor: "cli", at: t0, source: nil, customerNumbers: range)
                    == .refused(.alreadyFinal(.withdrawn)))
                #expect(try await store.decideApplication(id: id + 99, decision: .approve, actor: "cli", at: t0, source: nil, customerNumbers: range)
                    == .notFound)
                #expect(try await store.openApplication(organisationNumber: Self.organisationNumber(40)) == nil)
                #expect(try await store.businesses().isEmpty)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func theHistoryIsTheApplicationsAuditEventsInOrderWithActorsAndDetails(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                try await seed(store, accounts: 1)
                let id = try submitted(try await store.submitApplication(details(50), applicant: applicant(0), at: t0, source: "192.0.2.1")).id
                let other = try submitted(try await store.submitApplication(details(51), applicant: applicant(0), at: t0, source: nil)).id
                _ = try changed(try await store.decideApplication(
                    id: id, decision: .requestInformation(message: "Vilken adress?"), actor: "account:rev", at: t0.addingTimeInterval(1),
                    source: "192.0.2.2", customerNumbers: range))
                _ = try changed(try await store.answerApplication(
                    id: id, accountID: "acc-0", details: details(50), answer: "Storgatan 1", at: t0.addingTimeInterval(2), source: nil))
                _ = try changed(try await store.decideApplication(
                    id: other, decision: .reject(reason: "Dubblett"), actor: "cli", at: t0.addingTimeInterval(3), source: nil, customerNumbers: range))
                _ = try changed(try await store.decideApplication(
                    id: id, decision: .approve, actor: "cli", at: t0.addingTimeInterval(4), source: "cli:root", customerNumbers: range))

                let history = try await store.applicationHistory(id: id)
                #expect(history.map(\.action) == ["application.submitted", "application.info_requested", "application.answered", "application.approved"])
                #expect(history.map(\.actor) == ["account:acc-0", "account:rev", "account:acc-0", "cli"])
                #expect(history.map(\.at) == (0...2).map { t0.addingTimeInterval(Double($0)) } + [t0.addingTimeInterval(4)])
                #expect(history.map(\.source) == ["192.0.2.1", "192.0.2.2", nil, "cli:root"])
                #expect(history[0].details["org_number"] == OrganisationNumber(normalised: Self.organisationNumber(50))?.masked && history[0].details["bankid"] == "yes")
                #expect(history[1].details["message"] == "Vilken adress?")
                #expect(history[2].details["answer"] == "Storgatan 1")
                #expect(history[3].details["customer_number"] == "9000000")
                let rejected = try await store.applicationHistory(id: other)
                #expect(rejected.map(\.action) == ["application.submitted", "application.rejected"] && rejected[1].details["reason"] == "Dubblett")
                #expect(try await store.applicationHistory(id: id + 99).isEmpty)
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func theQueueIsOldestFirstAndFiltersByStatus(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                try await seed(store, accounts: 1)
                var ids: [Int64] = []
                for (index, offset) in [30.0, 10.0, 20.0, 0.0].enumerated() {
                    ids.append(try submitted(try await store.submitApplication(
                        details(60 + index), applicant: applicant(0), at: t0.addingTimeInterval(offset), source: nil)).id)
                }
                _ = try changed(try await store.decideApplication(
                    id: ids[2], decision: .requestInformation(message: "?"), actor: "cli", at: t0.addingTimeInterval(40), source: nil,
                    customerNumbers: range))
                _ = try changed(try await store.decideApplication(
                    id: ids[3], decision: .reject(reason: "No"), actor: "cli", at: t0.addingTimeInterval(40), source: nil, customerNumbers: range))
                #expect(try await store.applications(statuses: [], limit: 10).map(\.id) == [ids[3], ids[1], ids[2], ids[0]])
                #expect(try await store.applications(statuses: ApplicationStatus.open, limit: 10).map(\.id) == [ids[1], ids[2], ids[0]])
                #expect(try await store.applications(statuses: [.infoRequested], limit: 10).map(\.id) == [ids[2]])
                #expect(try await store.applications(statuses: [.submitted], limit: 10).map(\.id) == [ids[1], ids[0]])
                #expect(try await store.applications(statuses: [.approved], limit: 10).isEmpty)
                #expect(try await store.applications(statuses: [], limit: 2).map(\.id) == [ids[3], ids[1]])
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func aBusinessesOrganisationNumberIsSavedKeptWhenAnImportOmitsItAndReadBack(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                var business = Business(
                    customerNumber: "0123436", name: "Pantbutiken", kind: .retailer, registeredEmail: "panta@pantbutiken.se", pinHash: nil,
                    createdAt: t0, organisationNumber: Self.organisationNumber(70))
                #expect(try await store.saveBusiness(business))
                #expect(try await store.business(customerNumber: "0123436")?.organisationNumber == Self.organisationNumber(70))
                business.organisationNumber = nil
                business.name = "Pantbutiken AB"
                #expect(try await !store.saveBusiness(business))
                let kept = try #require(try await store.business(customerNumber: "0123436"))
                #expect(kept.organisationNumber == Self.organisationNumber(70) && kept.name == "Pantbutiken AB")
                business.organisationNumber = Self.organisationNumber(71)
                try await store.saveBusiness(business)
                #expect(try await store.businesses().map(\.organisationNumber) == [Self.organisationNumber(71)])
                #expect(try await store.businesses(organisationNumber: Self.organisationNumber(70)).isEmpty)
                #expect(try await store.businesses(organisationNumber: Self.organisationNumber(71)).map(\.customerNumber) == ["0123436"])
            }
        }
    }

    @Test(arguments: TestBackend.all)
    func aDecisionOnAVersionTheApplicationHasLeftChangesNothing(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.withStore { (store: SQLStore) async throws -> Void in
                try await seed(store, accounts: 1)
                let sent = try submitted(try await store.submitApplication(try details(1), applicant: applicant(0), at: t0, source: nil))
                #expect(sent.version == 1)
                let asked = try changed(try await store.decideApplication(
                    id: sent.id, decision: .requestInformation(message: "Vilken adress?"), actor: "account:rev", at: t0, source: nil,
                    customerNumbers: range, seenVersion: 1) { _ in nil })
                #expect(asked.version == 2)
                // The reviewer opens the confirm step on version 2; the applicant answers meanwhile, with a new name.
                let answered = try changed(try await store.answerApplication(
                    id: sent.id, accountID: "acc-0", details: try details(1, name: "Annat Namn AB"), answer: "Storgatan 1", at: t0, source: nil))
                #expect(answered.version == 3)
                let stale = try await store.decideApplication(
                    id: sent.id, decision: .approve, actor: "account:rev", at: t0, source: nil, customerNumbers: range, seenVersion: 2) { _ in nil }
                #expect(stale == .changedMeanwhile(answered), "the approval names the version before the answer")
                let register = try await store.businesses()
                let now = try await store.application(id: sent.id)
                #expect(register.isEmpty && now?.status == .submitted)
                let approved = try changed(try await store.decideApplication(
                    id: sent.id, decision: .approve, actor: "account:rev", at: t0, source: nil, customerNumbers: range, seenVersion: 3) { _ in nil })
                #expect(approved.status == .approved && approved.version == 4 && approved.details.name == "Annat Namn AB")
            }
        }
    }
}
