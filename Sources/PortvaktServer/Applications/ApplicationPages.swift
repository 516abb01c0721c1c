import Foundation
import Hummingbird
import PortvaktCore
import PortvaktStore

/// A new customer's application in the account console: the form ("Ny kund? Anslut din verksamhet till
/// pantsystemet"), and each of the account's applications on a page of its own with its status, the reviewer's
/// question and the answer form, the reason of a rejection, the way to activation once approved, and withdrawing
/// (a confirm step). The form runs in the account context; an application's pages in the application context (the
/// visitor's own application, `ApplicationMiddleware`). Every change is the store's compare-and-set, so a second
/// submit finds the application moved on and says so, with 409 as at the desk.
struct ApplicationPages<Store: AccountStore & CredentialStore & RateLimitStore & SessionStore & AuthorizationStore & AuditLog & ApplicationStore>: Sendable {
    let kit: AccountKit<Store>
    let submitting: ApplicationSubmitting<Store>

    /// The routes; `group` is the account context's group (`AccountMiddleware`).
    func addRoutes(to group: RouterGroup<AccountRequestContext>) {
        group.get(RouterPath(ApplicationRoutes.new)) { _, context in form(context.visitor) }
        group.post(RouterPath(ApplicationRoutes.new)) { _, context in try await submit(context.visitor, form: context.form) }

        let application = group.group(RouterPath(ApplicationRoutes.pattern))
            .add(middleware: ApplicationMiddleware(store: kit.store))
            .group(context: ApplicationRequestContext.self)
        application.get { request, context in
            let text = context.visitor.flow.text
            return page(context.visitor, context.application, notice: notice(request.uri.queryParameters["done"].map(String.init), context, text))
        }
        application.post(RouterPath(ApplicationRoutes.Operation.answer)) { _, context in
            try await answer(context.visitor, context.application, form: context.form)
        }
        application.get(RouterPath(ApplicationRoutes.Operation.withdraw)) { _, context in confirmWithdrawal(context.visitor, context.application) }
        application.post(RouterPath(ApplicationRoutes.Operation.withdraw)) { _, context in
            try await withdraw(context.visitor, context.application, confirmed: context.form["confirm"] == "yes")
        }
    }

    private func notice(_ done: String?, _ context: ApplicationRequestContext, _ text: PageText) -> String? {
        switch done {
        case "received": text.applicationReceived(reference: context.application.reference, email: context.application.applicant.email)
        case "answered": text.applicationAnswered
        case "withdrawn": text.applicationWithdrawn
        default: nil
        }
    }

    private func redirect(_ id: Int64, _ visitor: Visitor, done: String) -> Response {
        .redirect(to: ApplicationRoutes.application(id) + "?lang=\(visitor.flow.language.rawValue)&done=\(done)", type: .normal)
    }

    // MARK: - The form

    func form(_ visitor: Visitor, values: [String: String] = [:], errors: [String: String] = [:], linkInstead: Bool = false,
              status: HTTPResponse.Status = .ok) -> Response {
        let text = visitor.flow.text
        let lang = "?lang=\(visitor.flow.language.rawValue)"
        let forms = ApplicationForms(text: text, action: ApplicationRoutes.new, hidden: visitor.hidden)
        let applicant = ApplicationSubmitting<Store>.applicant(visitor.account, session: visitor.session, language: visitor.flow.language)
        let page = applicant == nil
            ? FormPage(title: text.applicationFormTitle, notice: text.applicationNeedsEmail, forms: [])
            : FormPage(
                title: text.applicationFormTitle,
                forms: [forms.applicationForm(
                    applicant: applicant, values: values, errors: errors, linkInstead: linkInstead ? BusinessRoutes.list + lang : nil)])
        var withLinks = page
        withLinks.links = [(BusinessRoutes.list + lang, text.businessesTitle), (AccountRoutes.account + lang, text.accountTitle)]
        return kit.render(withLinks, flow: visitor.flow, switchPath: ApplicationRoutes.new, status: status)
    }

    func submit(_ visitor: Visitor, form posted: [String: String]) async throws -> Response {
        let outcome = try await submitting.submit(
            posted, account: visitor.account, session: visitor.session, language: visitor.flow.language, source: visitor.flow.source)
        let errors = ApplicationSubmitting<Store>.errors(outcome, visitor.flow.text)
        switch outcome {
        case .submitted(let application): return redirect(application.id, visitor, done: "received")
        case .tooMany, .registered, .refused, .needsEmail, .underReview:
            return form(visitor, values: posted, errors: errors, linkInstead: outcome.leadsToLinking, status: outcome.status)
        }
    }

    // MARK: - One application

    /// The application's page: its status, what the reviewer asked or decided, the details sent, and what the
    /// applicant can do now (answer while asked, withdraw while open).
    func page(
        _ visitor: Visitor, _ application: BusinessApplication, notice: String? = nil, values: [String: String]? = nil,
        errors: [String: String] = [:], status: HTTPResponse.Status = .ok
    ) -> Response {
        let text = visitor.flow.text
        let language = visitor.flow.language
        let lang = "?lang=\(language.rawValue)"
        let details = application.details
        var sections: [[String: Any]] = []
        if let question = application.question, application.status == .infoRequested {
            sections.append(["heading": text.reviewerQuestionHeading, "lines": [question]])
        }
        if application.status == .rejected, let reason = application.rejectionReason {
            sections.append(["heading": text.rejectionHeading, "lines": [reason]])
        }
        if application.status == .approved, let number = application.customerNumber {
            sections.append([
                "heading": text.approvedHeading, "lines": [text.approvedLead(business: details.name, customerNumber: number)],
                "link": ["href": BusinessRoutes.activate(number) + lang, "text": text.activate],
            ])
        }
        let applicant = application.applicant
        let rows: [(String, String)] = [
            (text.applicationLabel(.organisationNumber), details.organisationNumber.formatted), (text.applicationLabel(.name), details.name),
            (text.applicationLabel(.kind), text.businessKind(details.kind)), (text.applicationLabel(.streetAddress), details.streetAddress),
            (text.applicationLabel(.postalCode), details.formattedPostalCode), (text.applicationLabel(.city), details.city),
            (text.applicationLabel(.invoiceEmail), details.invoiceEmail), (text.applicationLabel(.phone), details.phone),
            (text.applicantLabel, text.applicantDetails(name: applicant.name, email: applicant.email, verifiedByBankID: applicant.verifiedByBankID)),
        ]
        var forms: [[String: Any]] = []
        if application.status == .infoRequested {
            let answerForms = ApplicationForms(text: text, action: ApplicationRoutes.answer(application.id), hidden: visitor.hidden)
            var fields = answerForms.fields(values ?? details.form, errors: errors, withNumber: false).map(\.values)
            var answer = FormField(
                name: "answer", label: text.answerLabel, autocomplete: "off", value: values?["answer"] ?? "", error: errors["answer"],
                hint: text.answerHint(maximum: ApplicationDecision.maximumMessageLength)).values
            answer["plain"] = false
            answer["textarea"] = true
            answer["maxlength"] = ApplicationDecision.maximumMessageLength
            fields.append(answer)
            var lines = [text.answerLead, text.organisationNumberFixed(details.organisationNumber.formatted)]
            if let last = application.answer { lines.append(text.yourLastAnswer(last)) }
            var form = FormView(action: ApplicationRoutes.answer(application.id), submit: text.sendAnswer, hidden: visitor.hidden,
                                heading: text.answerHeading, lines: lines).values
            form["fields"] = fields
            forms.append(form)
        }
        if application.status.isOpen {
            forms.append(FormView(
                action: ApplicationRoutes.withdraw(application.id), submit: text.withdrawApplication, hidden: [("lang", language.rawValue)],
                heading: text.withdrawApplication, lines: [text.withdrawLead], secondary: true, method: "get").values)
        }
        var page: [String: Any] = [
            "lead": "\(text.applicationStatusLine(application.status)) · \(text.applicationSentOn(PageTime.day(application.createdAt)))",
            "sections": sections, "detailsHeading": text.applicationDetailsHeading,
            "details": rows.map { ["label": $0.0, "value": $0.1] }, "forms": forms,
            "links": [["href": BusinessRoutes.list + lang, "text": text.businessesTitle], ["href": AccountRoutes.account + lang, "text": text.accountTitle]],
        ]
        page["notice"] = notice
        var response = kit.pages.render(
            "application", title: text.applicationTitle(application.reference), language: language, values: page, status: status,
            switchLanguageHref: visitor.flow.switchLink(ApplicationRoutes.application(application.id)))
        if let cookie = visitor.flow.newCookie { response.setCookie(cookie) }
        return response
    }

    /// What the page says when the application moved on before the applicant's action.
    private func refusal(_ change: ApplicationChange, _ text: PageText) -> String {
        switch change {
        case .refused(.alreadyFinal(.withdrawn)): text.applicationAlreadyWithdrawn
        case .refused(.alreadyFinal(let status)): text.applicationAlreadyDecided(status)
        case .refused(.notExpected), .refused(.to), .customerNumbersExhausted, .registered, .ownApplication, .changedMeanwhile, .changed, .notFound:
            text.answerNotExpected
        }
    }

    /// The application as the store has it now, for a page after a refused action. Whose it is was settled by
    /// `ApplicationMiddleware`, and an application's applicant never changes.
    private func current(_ application: BusinessApplication, _ visitor: Visitor) async throws -> BusinessApplication {
        guard let now = try await kit.store.application(id: application.id) else { throw PageError.notFound(visitor.flow.language) }
        return now
    }

    func answer(_ visitor: Visitor, _ application: BusinessApplication, form posted: [String: String]) async throws -> Response {
        let text = visitor.flow.text
        guard application.status == .infoRequested else {
            return page(visitor, application, notice: refusal(.refused(ApplicationLifecycle.decide(application.status, .answer)), text), status: .conflict)
        }
        // The organisation number is the application's own, whatever was posted.
        var form = posted
        form[ApplicationDetails.Field.organisationNumber.rawValue] = application.details.organisationNumber.digits
        let answer = (posted["answer"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [String: String] = [:]
        if answer.isEmpty {
            errors["answer"] = text.applicationProblem(.missing)
        } else if answer.count > ApplicationDecision.maximumMessageLength {
            errors["answer"] = text.applicationProblem(.tooLong(maximum: ApplicationDecision.maximumMessageLength))
        }
        let parsed = ApplicationDetails.parse(form, today: kit.now())
        if case .failure(let problems) = parsed {
            for (field, problem) in problems.byField { errors[field.rawValue] = text.applicationProblem(problem, at: field) }
        }
        guard errors.isEmpty, case .success(let details) = parsed else {
            return page(visitor, application, values: posted, errors: errors, status: .badRequest)
        }
        let change = try await kit.store.answerApplication(
            id: application.id, accountID: visitor.account.id, details: details, answer: answer, at: kit.now(), source: visitor.flow.source)
        switch change {
        case .changed: return redirect(application.id, visitor, done: "answered")
        case .notFound: throw PageError.notFound(visitor.flow.language)
        case .refused, .customerNumbersExhausted, .registered, .ownApplication, .changedMeanwhile:
            return page(visitor, try await current(application, visitor), notice: refusal(change, text), status: .conflict)
        }
    }

    /// "Återkalla ansökan": the question on a page of its own, the button lower than the one that led here.
    func confirmWithdrawal(_ visitor: Visitor, _ application: BusinessApplication) -> Response {
        let text = visitor.flow.text
        guard application.status.isOpen else {
            return page(visitor, application, notice: refusal(.refused(.alreadyFinal(application.status)), text), status: .conflict)
        }
        let back = ApplicationRoutes.application(application.id) + "?lang=\(visitor.flow.language.rawValue)"
        return kit.render(
            FormPage(
                title: text.withdrawConfirmTitle(application.reference),
                forms: [FormView(
                    action: ApplicationRoutes.withdraw(application.id), submit: text.withdrawApplication, hidden: visitor.hidden,
                    lines: [text.withdrawConfirmLead(application.details.name)], button: ("confirm", "yes"), cancel: (back, text.noChange))]),
            flow: visitor.flow, switchPath: ApplicationRoutes.withdraw(application.id))
    }

    func withdraw(_ visitor: Visitor, _ application: BusinessApplication, confirmed: Bool) async throws -> Response {
        guard confirmed else { return confirmWithdrawal(visitor, application) }
        let change = try await kit.store.withdrawApplication(
            id: application.id, accountID: visitor.account.id, at: kit.now(), source: visitor.flow.source)
        switch change {
        case .changed: return redirect(application.id, visitor, done: "withdrawn")
        case .notFound: throw PageError.notFound(visitor.flow.language)
        case .refused, .customerNumbersExhausted, .registered, .ownApplication, .changedMeanwhile:
            return page(visitor, try await current(application, visitor), notice: refusal(change, visitor.flow.text), status: .conflict)
        }
    }
}
