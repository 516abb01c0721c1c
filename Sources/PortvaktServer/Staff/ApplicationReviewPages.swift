import Foundation
import HTTPTypes
import Hummingbird
import PortvaktCore
import PortvaktStore

/// One application at the desk: every field, the applicant, the duplicate checks, the history and, while it is
/// open, the reviewer's three decisions (approve after a confirm step, ask for more information with a message,
/// reject with a standard or a written reason). Each decision is one POST, one transaction in the store
/// (`ApplicationReview`), then post/redirect/get with a notice. Of two reviewers deciding at once, the second is
/// told what the first did; nothing is done twice.
extension StaffDesk {
    /// What the page says after a decision (post/redirect/get), from the application as it now is.
    func notice(_ done: String?, _ application: BusinessApplication, _ context: ReviewerRequestContext) -> String? {
        let text = context.visitor.flow.text.desk
        switch done {
        case "approved": return application.customerNumber.map { text.approvedNotice(customerNumber: $0) }
        case "info_requested": return text.informationRequestedNotice
        case "rejected": return text.rejectedNotice
        default: return nil
        }
    }

    /// The application's page. `values` and `errors` (by field: `message`, `reason`) refill a decision's form that
    /// was refused; `error` is the page's message (another reviewer was first, no customer numbers left).
    func applicationPage(
        _ context: ReviewerRequestContext, _ application: BusinessApplication, notice: String? = nil, error: String? = nil,
        values: [String: String] = [:], errors: [String: String] = [:], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let visitor = context.visitor
        let text = visitor.flow.text.desk
        let now = now()
        let details = application.details
        let number = details.organisationNumber
        var fields: [(String, String)] = [
            (text.organisationNumberColumn, number.isPersonalNumber ? text.soleTrader(number: number.formatted) : number.formatted),
            (text.fieldName, details.name), (text.kindColumn, text.kind(details.kind)),
            (text.fieldAddress, "\(details.streetAddress), \(details.formattedPostalCode) \(details.city)"),
            (text.fieldInvoiceEmail, details.invoiceEmail), (text.fieldPhone, details.phone), (text.statusColumn, text.status(application.status)),
            (text.fieldReceived, text.receivedAgo(date: PageTime.minute(application.createdAt), age: text.age(now.timeIntervalSince(application.createdAt)))),
        ]
        if let customerNumber = application.customerNumber { fields.append((text.fieldCustomerNumber, customerNumber)) }
        if let question = application.question { fields.append((text.fieldQuestion, question)) }
        if let answer = application.answer { fields.append((text.fieldAnswer, answer)) }
        if let reason = application.rejectionReason { fields.append((text.fieldRejectionReason, reason)) }

        let applicant = application.applicant
        let verified = applicant.personalNumber.map { text.bankIDVerified(personalNumber: PersonalNumber.masked($0)) } ?? text.bankIDNotVerified
        var applicantFields: [(String, String)] = [
            (text.fieldApplicantName, applicant.name.isEmpty ? "-" : applicant.name), (text.fieldEmail, applicant.email), (text.fieldBankID, verified),
        ]
        // A sole trader's business is the person's: whether BankID says the applicant is that person, without the digits.
        if number.isPersonalNumber {
            let same = applicant.personalNumber.map { String($0.suffix(10)) == number.digits }
            applicantFields.append((
                text.fieldSoleTrader, same.map { $0 ? text.soleTraderIsApplicant : text.soleTraderIsNotApplicant } ?? text.soleTraderUnchecked))
        }
        applicantFields.append((text.fieldLanguage, text.languageName(applicant.language)))

        var page: [String: Any] = [
            "detailsHeading": text.detailsHeading, "details": fields.map { ["term": $0.0, "value": $0.1] },
            "applicantHeading": text.applicantHeading, "applicant": applicantFields.map { ["term": $0.0, "value": $0.1] },
            "languageNote": text.writeInLanguage(language: text.languageName(applicant.language)),
            "checksHeading": text.checksHeading, "checks": try await checks(application, visitor),
            "historyHeading": text.historyHeading, "historyCaption": text.historyCaption, "whenColumn": text.whenColumn, "whoColumn": text.whoColumn,
            "whatColumn": text.whatColumn, "messageColumn": text.messageColumn, "history": try await history(application, visitor),
        ]
        if application.status.isOpen {
            if !ApplicationReview.mayDecide(application, reviewer: context.visitor.account) {
                page["own"] = ["heading": text.decisionHeading, "text": text.ownApplication]
            } else {
                page["decisions"] = decisions(application, visitor, values: values, errors: errors)
            }
        }
        var all: [String: Any] = ["application": page, "links": [["href": link(StaffRoutes.desk, visitor), "text": text.toQueue]]]
        all["notice"] = notice
        all["error"] = error
        return render(
            visitor, roles: context.roles, title: text.applicationTitle(reference: application.reference), path: StaffRoutes.application(application.id),
            values: all, status: status)
    }

    /// An applicant as the desk names them: "Anna Svensson (anna@pantbutiken.se)", or the address alone.
    static func named(_ applicant: Applicant) -> String {
        let name = applicant.name.trimmingCharacters(in: .whitespaces)
        return name.isEmpty ? applicant.email : "\(name) (\(applicant.email))"
    }

    /// The duplicate checks: the register's businesses with the organisation number, and another open application
    /// for it, each found or "no match".
    func checks(_ application: BusinessApplication, _ visitor: Visitor) async throws -> [[String: Any]] {
        let text = visitor.flow.text.desk
        let found = try await review.duplicateChecks(for: application)
        var checks: [[String: Any]] = found.registered.map { ["text": text.registerMatch(business: $0.name, customerNumber: $0.customerNumber)] }
        if found.registered.isEmpty { checks.append(["text": text.registerNoMatch]) }
        if let other = found.otherOpen {
            checks.append([
                "text": text.openMatch(reference: other.reference, business: other.details.name),
                "href": link(StaffRoutes.application(other.id), visitor), "linkText": other.reference,
            ])
        } else {
            checks.append(["text": text.openNoMatch])
        }
        return checks
    }

    /// The application's history, oldest first: when, who (an account by its name and address, the command line),
    /// what, and the message, reason or answer that went with it.
    func history(_ application: BusinessApplication, _ visitor: Visitor) async throws -> [[String: Any]] {
        let text = visitor.flow.text.desk
        var names: [String: String] = [:]
        var rows: [[String: Any]] = []
        for event in try await store.applicationHistory(id: application.id) {
            let who: String
            if let known = names[event.actor] {
                who = known
            } else {
                who = try await actorName(event.actor, visitor)
                names[event.actor] = who
            }
            var message = [event.details["message"], event.details["reason"], event.details["answer"]].compactMap { $0 }
            if let number = event.details["customer_number"] { message.append(text.historyCustomerNumber(customerNumber: number)) }
            rows.append([
                "when": PageTime.minute(event.at), "who": who, "what": text.historyAction(event.action) ?? event.action,
                "message": message.joined(separator: " "),
            ])
        }
        return rows
    }

    /// Who an audit actor is, as people know them: `account:<id>` by name and address, `cli` as the command line.
    func actorName(_ actor: String, _ visitor: Visitor) async throws -> String {
        if actor == "cli" || actor.hasPrefix("cli:") { return visitor.flow.text.desk.actorCommandLine }
        guard actor.hasPrefix("account:") else { return actor }
        guard let account = try await store.account(id: String(actor.dropFirst("account:".count))) else { return actor }
        let name = [account.givenName, account.familyName].compactMap { $0 }.joined(separator: " ")
        switch (name.isEmpty, account.email) {
        case (false, let email?): return "\(name) (\(email))"
        case (false, nil): return name
        case (true, let email?): return email
        case (true, nil): return actor
        }
    }

    /// The three decisions' forms, for an open application.
    func decisions(_ application: BusinessApplication, _ visitor: Visitor, values: [String: String], errors: [String: String]) -> [String: Any] {
        let text = visitor.flow.text.desk
        // Every decision names the version of the application it was made on (`ApplicationChange.changedMeanwhile`).
        let hidden = (visitor.hidden + [("version", "\(application.version)")]).map { ["name": $0.name, "value": $0.value] }
        let maximum = ApplicationDecision.maximumMessageLength
        let chosen = values["reason"] ?? ""
        let reasons: [[String: Any]] = StandardRejectionReason.allCases.map { reason in
            ["value": reason.rawValue, "label": text.rejectionReason(reason), "checked": chosen == reason.rawValue]
        } + [["value": Self.otherReason, "label": text.reasonOther, "checked": chosen == Self.otherReason]]
        var requestInformation: [String: Any] = [
            "heading": text.requestInformationHeading, "lead": text.requestInformationLead, "action": StaffRoutes.requestInformation(application.id),
            "hidden": hidden, "label": text.messageLabel, "hint": text.maximumCharacters(maximum: maximum), "maximum": maximum,
            "messageValue": values["message"] ?? "", "submit": text.requestInformationButton,
        ]
        requestInformation["messageError"] = errors["message"]
        var reject: [String: Any] = [
            "heading": text.rejectHeading, "lead": text.rejectLead, "action": StaffRoutes.reject(application.id), "hidden": hidden,
            "legend": text.reasonLegend, "reasons": reasons, "textLabel": text.reasonTextLabel, "reasonText": values["reason_text"] ?? "",
            "hint": text.maximumCharacters(maximum: maximum), "maximum": maximum, "submit": text.rejectButton,
        ]
        reject["reasonError"] = errors["reason"]
        return [
            "heading": text.decisionHeading,
            "approve": [
                "heading": text.approveHeading, "lead": text.approveLead, "action": StaffRoutes.approve(application.id), "hidden": hidden,
                "submit": text.approveButton,
            ] as [String: Any],
            "requestInformation": requestInformation, "reject": reject,
        ]
    }

    /// The reject form's choice for a reason written freely.
    static var otherReason: String { "other" }

    // MARK: - Approving: a confirm step, then one transaction

    /// "Godkänna ansökan A-000042?": what approving does, the button, and "Avbryt". An application that is no longer
    /// open goes back to its page, which says what became of it.
    func confirmApproval(_ context: ReviewerRequestContext, _ application: BusinessApplication, seenVersion: Int64?) -> Response {
        let visitor = context.visitor
        let text = visitor.flow.text.desk
        guard application.status.isOpen, ApplicationReview.mayDecide(application, reviewer: visitor.account) else {
            return redirect(StaffRoutes.application(application.id), visitor)
        }
        let details = application.details
        return render(
            visitor,
            FormPage(
                title: text.approveConfirmTitle(reference: application.reference),
                forms: [FormView(
                    action: StaffRoutes.approve(application.id), submit: text.approveConfirmButton,
                    hidden: visitor.hidden + [("version", "\(seenVersion ?? application.version)")],
                    lines: [text.approveConfirmLead(
                        business: details.name, organisationNumber: details.organisationNumber.formatted,
                        applicant: Self.named(application.applicant))],
                    button: ("confirm", "yes"), cancel: (link(StaffRoutes.application(application.id), visitor), text.cancel))]),
            path: StaffRoutes.approve(application.id))
    }

    /// Without `confirm=yes` (the application page's button) it goes to the confirm step; with it, it approves.
    func approve(_ context: ReviewerRequestContext, _ application: BusinessApplication, confirmed: Bool) async throws -> Response {
        guard confirmed else {
            // The confirm step carries on the version the application page showed.
            let seen = context.form["version"].flatMap { Int64($0) }.map { "&version=\($0)" } ?? ""
            return .redirect(to: link(StaffRoutes.approve(application.id), context.visitor) + seen, type: .normal)
        }
        return try await decide(context, application, .approve, done: "approved")
    }

    // MARK: - Asking for more information, rejecting

    func requestInformation(_ context: ReviewerRequestContext, _ application: BusinessApplication) async throws -> Response {
        let text = context.visitor.flow.text.desk
        let message = (context.form["message"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let maximum = ApplicationDecision.maximumMessageLength
        let problem = message.isEmpty ? text.messageMissing : message.count > maximum ? text.messageTooLong(maximum: maximum) : nil
        if let problem {
            return try await applicationPage(context, application, values: context.form, errors: ["message": problem], status: .badRequest)
        }
        return try await decide(context, application, .requestInformation(message: message), done: "info_requested")
    }

    /// A standard reason is sent in the applicant's language; a reason written freely as it was written.
    func reject(_ context: ReviewerRequestContext, _ application: BusinessApplication) async throws -> Response {
        switch Self.reason(context.form, for: application, text: context.visitor.flow.text.desk) {
        case .failure(let problem):
            return try await applicationPage(context, application, values: context.form, errors: ["reason": problem.message], status: .badRequest)
        case .success(let reason):
            return try await decide(context, application, .reject(reason: reason), done: "rejected")
        }
    }

    /// Why a reject form is refused, in the reviewer's language.
    struct ReasonProblem: Error {
        var message: String
    }

    /// The reason the applicant is told: the chosen standard reason in the applicant's language, or the text
    /// written under "Annat skäl" (also when it was written without choosing), trimmed, at most
    /// `ApplicationDecision.maximumMessageLength` characters.
    static func reason(_ form: [String: String], for application: BusinessApplication, text: StaffDeskText) -> Result<String, ReasonProblem> {
        let chosen = form["reason"] ?? ""
        let written = (form["reason_text"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if let standard = StandardRejectionReason(rawValue: chosen) {
            return .success(PageText(application.applicant.language).desk.rejectionReason(standard))
        }
        guard chosen == otherReason || (chosen.isEmpty && !written.isEmpty) else { return .failure(ReasonProblem(message: text.reasonMissing)) }
        guard !written.isEmpty else { return .failure(ReasonProblem(message: text.reasonTextMissing)) }
        let maximum = ApplicationDecision.maximumMessageLength
        guard written.count <= maximum else { return .failure(ReasonProblem(message: text.reasonTooLong(maximum: maximum))) }
        return .success(written)
    }

    // MARK: - One decision

    /// Carries a decision out and goes back to the application's page with its notice. Refused because another
    /// decision came first, the page says which and by whom, and nothing changes; the same reviewer's repeated
    /// decision (a second click) finds their own and answers as the first did.
    func decide(_ context: ReviewerRequestContext, _ application: BusinessApplication, _ decision: ApplicationDecision, done: String)
        async throws -> Response
    {
        let visitor = context.visitor
        let text = visitor.flow.text.desk
        let change = try await review.decide(
            id: application.id, decision, actor: context.actor, reviewer: visitor.account.id, source: visitor.flow.source, now: now(),
            seenVersion: context.form["version"].flatMap { Int64($0) })
        switch change {
        case .changed:
            return redirect(StaffRoutes.application(application.id), visitor, done: done)
        case .notFound:
            throw PageError.notFound(visitor.flow.language)
        case .customerNumbersExhausted:
            return try await applicationPage(
                context, application, error: text.customerNumbersExhausted(range: customerNumbers.description), status: .conflict)
        case .ownApplication:
            return try await applicationPage(context, application, error: text.ownApplication, status: .forbidden)
        case .changedMeanwhile(let current):
            return try await applicationPage(context, current, error: text.changedSinceSeen, values: context.form, status: .conflict)
        case .registered(let customerNumber):
            // Still open: the page's checks show the register's business, and the reject form has the reason chosen.
            let current = try await store.application(id: application.id) ?? application
            return try await applicationPage(
                context, current,
                error: text.registeredMeanwhile(customerNumber: customerNumber, reason: text.rejectionReason(.alreadyCustomer)),
                values: ["reason": StandardRejectionReason.alreadyCustomer.rawValue], status: .conflict)
        case .refused(let transition):
            let current = try await store.application(id: application.id) ?? application
            // Who closed it: the history's last approval or rejection.
            var decider: String?
            if case .alreadyFinal(let status) = transition, let action = Self.decision(leadingTo: status)?.auditAction {
                decider = try await store.applicationHistory(id: application.id).last { $0.action == action }?.actor
                if status == Self.outcome(decision), decider == context.actor {
                    return redirect(StaffRoutes.application(application.id), visitor, done: done)
                }
            }
            let who = try await decider.asyncFlatMap { try await actorName($0, visitor) } ?? text.someoneElse
            let message: String = switch transition {
            case .alreadyFinal(.approved): text.alreadyApproved(who: who, customerNumber: current.customerNumber ?? "-")
            case .alreadyFinal(.rejected): text.alreadyRejected(who: who)
            case .alreadyFinal(.withdrawn): text.alreadyWithdrawn
            case .alreadyFinal(let status), .notExpected(let status), .to(let status): text.changedMeanwhile(status: text.status(status))
            }
            return try await applicationPage(context, current, error: message, values: context.form, status: .conflict)
        }
    }

    /// The reviewer's action that leaves an application in a final status (none leaves it withdrawn).
    static func decision(leadingTo status: ApplicationStatus) -> ApplicationAction? {
        switch status {
        case .approved: .approve
        case .rejected: .reject
        case .submitted, .infoRequested, .withdrawn: nil
        }
    }

    /// The final status a decision leads to, if it is final.
    static func outcome(_ decision: ApplicationDecision) -> ApplicationStatus? {
        switch decision {
        case .approve: .approved
        case .reject: .rejected
        case .requestInformation: nil
        }
    }
}
