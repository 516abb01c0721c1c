import Foundation
import PortvaktCore
import SQLKit

extension SQLStore: ApplicationStore {
    /// Why an approval's transaction is rolled back: no customer number left in the range.
    private struct NumbersExhausted: Error {}
    /// Why an approval's transaction is rolled back: the register has the organisation number now (an import since
    /// the application was sent), under this customer number.
    private struct AlreadyRegistered: Error { var customerNumber: String }

    public func submitApplication(
        _ details: ApplicationDetails, applicant: Applicant, at: Date, source: String?,
        mail: @escaping @Sendable (BusinessApplication) -> MailMessage?
    ) async throws -> ApplicationSubmission {
        do {
            return try await backend.withTransaction { db in
                let number = details.organisationNumber.digits
                if try await Self.registeredCustomerNumber(db, organisationNumber: number) != nil { return .registered }
                if try await Self.openApplication(db, organisationNumber: number) != nil { return .underReview }
                let seconds = Timestamp.seconds(at)
                guard let id = try await db.insert(into: "applications")
                    .columns(
                        "org_number", "name", "kind", "street_address", "postal_code", "city", "invoice_email", "phone", "account_id",
                        "applicant_name", "applicant_email", "applicant_personal_number", "language", "status", "created_at", "updated_at",
                        "version")
                    .values(
                        SQLBind(number), SQLBind(details.name), SQLBind(details.kind.rawValue), SQLBind(details.streetAddress),
                        SQLBind(details.postalCode), SQLBind(details.city), SQLBind(details.invoiceEmail), SQLBind(details.phone),
                        SQLBind(applicant.accountID), SQLBind(applicant.name), SQLBind(applicant.email), SQLBind(applicant.personalNumber),
                        SQLBind(applicant.language.rawValue), SQLBind(ApplicationStatus.submitted.rawValue), SQLBind(seconds), SQLBind(seconds),
                        SQLBind(Int64(1)))
                    .returning("id").first(decodingColumn: "id", as: Int64.self)
                else { throw StoreError.conflict("the application was not stored") }
                _ = try await Self.insertAuditEvent(
                    AuditEvent(
                        at: at, actor: "account:\(applicant.accountID)", action: "application.submitted", target: Self.target(id), source: source,
                        details: ["org_number": details.organisationNumber.masked, "name": details.name, "bankid": applicant.verifiedByBankID ? "yes" : "no"]),
                    into: db)
                let application = BusinessApplication(
                    id: id, details: details, applicant: applicant, status: .submitted, createdAt: Timestamp.date(seconds: seconds),
                    updatedAt: Timestamp.date(seconds: seconds))
                if let message = mail(application) { try await Self.insertMail(message, now: at, into: db) }
                return .submitted(application)
            }
        } catch let error where backend.isUniqueViolation(error) {
            // Another submission for the same number committed between the check and the insert.
            return .underReview
        }
    }

    public func application(id: Int64) async throws -> BusinessApplication? {
        try await backend.withSession { db in try await Self.application(db, id: id) }
    }

    public func applications(statuses: [ApplicationStatus], limit: Int) async throws -> [BusinessApplication] {
        try await backend.withSession { db in
            var query = db.select().column("*").from("applications")
            if !statuses.isEmpty {
                query = query.where("status", .in, SQLGroupExpression(statuses.map { SQLBind($0.rawValue) }))
            }
            return try await query.orderBy("created_at", .ascending).orderBy("id", .ascending).limit(max(0, limit)).all()
                .map(Self.decodeApplication)
        }
    }

    public func applications(accountID: String) async throws -> [BusinessApplication] {
        try await backend.withSession { db in
            try await db.select().column("*").from("applications").where("account_id", .equal, accountID)
                .orderBy("created_at", .descending).orderBy("id", .descending).all().map(Self.decodeApplication)
        }
    }

    public func openApplication(organisationNumber: String) async throws -> BusinessApplication? {
        try await backend.withSession { db in try await Self.openApplication(db, organisationNumber: organisationNumber) }
    }

    public func businesses(organisationNumber: String) async throws -> [Business] {
        try await backend.withSession { db in
            try await db.select().column("*").from("businesses").where("org_number", .equal, organisationNumber).orderBy("customer_number")
                .all().map(Self.decodeBusiness)
        }
    }

    public func answerApplication(id: Int64, accountID: String, details: ApplicationDetails, answer: String, at: Date, source: String?)
        async throws -> ApplicationChange
    {
        try await change(id: id, applicant: accountID, action: .answer) { db, current in
            try await Self.compareAndSet(db.update("applications")
                .set("name", to: details.name).set("kind", to: details.kind.rawValue).set("street_address", to: details.streetAddress)
                .set("postal_code", to: details.postalCode).set("city", to: details.city).set("invoice_email", to: details.invoiceEmail)
                .set("phone", to: details.phone).set("answer", to: answer)
                .set("status", to: ApplicationStatus.submitted.rawValue).set("updated_at", to: Timestamp.seconds(at)), current)
        } audit: { _ in
            AuditEvent(
                at: at, actor: "account:\(accountID)", action: ApplicationAction.answer.auditAction, target: Self.target(id), source: source,
                details: ["answer": answer])
        }
    }

    public func withdrawApplication(id: Int64, accountID: String, at: Date, source: String?) async throws -> ApplicationChange {
        try await change(id: id, applicant: accountID, action: .withdraw) { db, current in
            try await Self.compareAndSet(db.update("applications")
                .set("status", to: ApplicationStatus.withdrawn.rawValue).set("updated_at", to: Timestamp.seconds(at))
                .set("decided_at", to: Timestamp.seconds(at)), current)
        } audit: { _ in
            AuditEvent(at: at, actor: "account:\(accountID)", action: ApplicationAction.withdraw.auditAction, target: Self.target(id), source: source)
        }
    }

    public func decideApplication(
        id: Int64, decision: ApplicationDecision, actor: String, at: Date, source: String?, customerNumbers: CustomerNumberRange,
        seenVersion: Int64?, mail: @escaping @Sendable (BusinessApplication) -> MailMessage?
    ) async throws -> ApplicationChange {
        let seconds = Timestamp.seconds(at)
        do {
            return try await change(id: id, applicant: nil, action: decision.action, seenVersion: seenVersion) { db, current in
                var update = db.update("applications").set("updated_at", to: seconds)
                switch decision {
                case .approve:
                    update = update.set("status", to: ApplicationStatus.approved.rawValue).set("decided_at", to: seconds)
                case .requestInformation(let message):
                    update = update.set("status", to: ApplicationStatus.infoRequested.rawValue).set("question", to: message)
                case .reject(let reason):
                    update = update.set("status", to: ApplicationStatus.rejected.rawValue).set("rejection_reason", to: reason)
                        .set("decided_at", to: seconds)
                }
                // Of two reviewers at once, one changes the row.
                guard try await Self.compareAndSet(update, current) else { return false }
                guard decision == .approve else { return true }
                // The register may have the number since the application was sent (an import): approving would give
                // a second business the same organisation number. Rolled back; the application stays open. Looked up
                // after the compare-and-set, so that an approval racing another one of this application is refused by
                // the status (PostgreSQL: its statement sees the other's business once that commits).
                if let registered = try await Self.registeredCustomerNumber(db, organisationNumber: current.details.organisationNumber.digits) {
                    throw AlreadyRegistered(customerNumber: registered)
                }
                let number = try await Self.takeCustomerNumber(db, range: customerNumbers)
                let details = current.details
                try await Self.insertBusiness(
                    Business(
                        customerNumber: number, name: details.name, kind: details.kind, registeredEmail: details.invoiceEmail, pinHash: nil,
                        createdAt: at, organisationNumber: details.organisationNumber.digits),
                    into: db)
                _ = try await Self.linkFirst(db, customerNumber: number, accountID: current.applicant.accountID, at: at)
                try await db.update("applications").set("customer_number", to: number).where("id", .equal, id).run()
                _ = try await Self.insertAuditEvent(
                    AuditEvent(
                        at: at, actor: actor, action: "business.added", target: "business:\(number)", source: source,
                        details: ["application": BusinessApplication.reference(id), "org_number": details.organisationNumber.masked,
                                  "administrator": current.applicant.accountID]),
                    into: db)
                return true
            } audit: { changed in
                var details: [String: String] = [:]
                if let message = decision.message { details[decision.action == .reject ? "reason" : "message"] = message }
                if let number = changed.customerNumber { details["customer_number"] = number }
                return AuditEvent(at: at, actor: actor, action: decision.action.auditAction, target: Self.target(id), source: source, details: details)
            } mail: { changed in
                mail(changed).map { ($0, at) }
            }
        } catch is NumbersExhausted {
            return .customerNumbersExhausted
        } catch let registered as AlreadyRegistered {
            return .registered(customerNumber: registered.customerNumber)
        }
    }

    public func applicationHistory(id: Int64) async throws -> [AuditEvent] {
        try await backend.withSession { db in try await Self.auditEvents(target: Self.target(id), in: db) }
    }

    // MARK: - The parts

    /// One action on an application, in one transaction: read it, decide by `ApplicationLifecycle`, carry the change
    /// out as a compare-and-set (`apply` answers whether it changed the row), audit it and queue its mail (`mail`, when
    /// it gives one, at its time). An application that is not `applicant`'s (when given) is not found; one that another
    /// action changed first is refused with the status that action left.
    private func change(
        id: Int64, applicant: String?, action: ApplicationAction, seenVersion: Int64? = nil,
        apply: @escaping @Sendable (any SQLDatabase, BusinessApplication) async throws -> Bool,
        audit: @escaping @Sendable (BusinessApplication) -> AuditEvent,
        mail: @escaping @Sendable (BusinessApplication) -> (MailMessage, Date)? = { _ in nil }
    ) async throws -> ApplicationChange {
        try await backend.withTransaction { db in
            guard let current = try await Self.application(db, id: id), applicant == nil || current.applicant.accountID == applicant else {
                return .notFound
            }
            guard case .to = ApplicationLifecycle.decide(current.status, action) else {
                return .refused(ApplicationLifecycle.decide(current.status, action))
            }
            if let seenVersion, seenVersion != current.version { return .changedMeanwhile(current) }
            guard try await apply(db, current) else {
                // Changed since it was read (PostgreSQL's read committed): decide again on what the other action left.
                let now = try await Self.application(db, id: id)?.status ?? current.status
                if case .to = ApplicationLifecycle.decide(now, action) { return .refused(.notExpected(now)) }
                return .refused(ApplicationLifecycle.decide(now, action))
            }
            guard let changed = try await Self.application(db, id: id) else { return .notFound }
            _ = try await Self.insertAuditEvent(audit(changed), into: db)
            if let (message, at) = mail(changed) { try await Self.insertMail(message, now: at, into: db) }
            return .changed(changed)
        }
    }

    /// The next customer number of `range` that was never given: neither the register's (imported, or added since)
    /// nor an approval's. The counter is updated in the approval's transaction (a row lock on PostgreSQL, the write
    /// lock on SQLite), so two approvals at once never get the same number. Within a range it only grows; a range set
    /// below or above it (`applications.customer_numbers` changed) starts again at its lower bound, and the register
    /// and the approvals say which of its numbers are taken, so none is given twice.
    private static func takeCustomerNumber(_ db: any SQLDatabase, range: CustomerNumberRange) async throws -> String {
        while true {
            guard let value = try await db.raw("""
                UPDATE customer_number_counter SET last_value = CASE \
                WHEN last_value < \(bind: range.lower) OR last_value > \(bind: range.upper) THEN \(bind: range.lower) \
                ELSE last_value + 1 END WHERE id = 1 RETURNING last_value
                """).first(decodingColumn: "last_value", as: Int64.self)
            else { throw StoreError.corrupt("the customer number counter is missing") }
            // Past the upper bound: every number of the range was given (the counter rolls back with the approval).
            guard range.contains(value) else { throw NumbersExhausted() }
            let number = range.customerNumber(value)
            // A number the register already has (imported), or an approval gave (its business since removed), is skipped.
            let inRegister = try await db.select().column("customer_number").from("businesses").where("customer_number", .equal, number)
                .first() != nil
            if inRegister { continue }
            let given = try await db.select().column("id").from("applications").where("customer_number", .equal, number).first() != nil
            if !given { return number }
        }
    }

    /// Carries out `update` of the application `current` as a compare-and-set on the version it was read at, and
    /// counts the version up: every change goes through here, so a version names one state of the application and
    /// of two changes at once only one changes the row.
    private static func compareAndSet(_ update: SQLUpdateBuilder, _ current: BusinessApplication) async throws -> Bool {
        try await update.set("version", to: SQLRaw("version + 1"))
            .where("id", .equal, current.id).where("version", .equal, current.version)
            .returning("id").first() != nil
    }

    /// The lowest customer number of the register's businesses with this organisation number, if any.
    private static func registeredCustomerNumber(_ db: any SQLDatabase, organisationNumber: String) async throws -> String? {
        try await db.select().column("customer_number").from("businesses").where("org_number", .equal, organisationNumber)
            .orderBy("customer_number").first(decodingColumn: "customer_number", as: String.self)
    }

    private static func target(_ id: Int64) -> String { "application:\(id)" }

    private static func application(_ db: any SQLDatabase, id: Int64) async throws -> BusinessApplication? {
        try await db.select().column("*").from("applications").where("id", .equal, id).first().map(decodeApplication)
    }

    private static func openApplication(_ db: any SQLDatabase, organisationNumber: String) async throws -> BusinessApplication? {
        try await db.select().column("*").from("applications").where("org_number", .equal, organisationNumber)
            .where("status", .in, SQLGroupExpression(ApplicationStatus.open.map { SQLBind($0.rawValue) }))
            .first().map(decodeApplication)
    }

    static func decodeApplication(_ row: any SQLRow) throws -> BusinessApplication {
        let numberText = try row.decode(column: "org_number", as: String.self)
        guard let number = OrganisationNumber(normalised: numberText) else {
            throw StoreError.corrupt("an application has an organisation number that is not one: \(numberText)")
        }
        let details = ApplicationDetails(
            organisationNumber: number, name: try row.decode(column: "name", as: String.self),
            kind: Business.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .retailer,
            streetAddress: try row.decode(column: "street_address", as: String.self),
            postalCode: try row.decode(column: "postal_code", as: String.self), city: try row.decode(column: "city", as: String.self),
            invoiceEmail: try row.decode(column: "invoice_email", as: String.self), phone: try row.decode(column: "phone", as: String.self))
        let applicant = Applicant(
            accountID: try row.decode(column: "account_id", as: String.self), name: try row.decode(column: "applicant_name", as: String.self),
            email: try row.decode(column: "applicant_email", as: String.self),
            personalNumber: try row.decode(column: "applicant_personal_number", as: String?.self),
            language: PageLanguage(rawValue: try row.decode(column: "language", as: String.self)) ?? .sv)
        return BusinessApplication(
            id: try row.decode(column: "id", as: Int64.self), details: details, applicant: applicant,
            status: ApplicationStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .submitted,
            question: try row.decode(column: "question", as: String?.self), answer: try row.decode(column: "answer", as: String?.self),
            rejectionReason: try row.decode(column: "rejection_reason", as: String?.self),
            customerNumber: try row.decode(column: "customer_number", as: String?.self),
            createdAt: Timestamp.date(seconds: try row.decode(column: "created_at", as: Int64.self)),
            updatedAt: Timestamp.date(seconds: try row.decode(column: "updated_at", as: Int64.self)),
            decidedAt: try row.decode(column: "decided_at", as: Int64?.self).map(Timestamp.date(seconds:)),
            version: try row.decode(column: "version", as: Int64.self))
    }
}
