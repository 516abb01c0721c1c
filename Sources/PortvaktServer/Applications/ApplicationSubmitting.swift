import Foundation
import Hummingbird
import PortvaktCore
import PortvaktStore

/// Sending an application, the same wherever the form is (the account console, or inside an authorization that
/// asks for `business`): the form checked field by field, the applicant's budget spent (`Limits`) before the
/// store looks the organisation number up, the store's one transaction (no number of the register, no second
/// open application, the "Vi har tagit emot din ansökan" mail in the page's language queued with it). Callers render
/// their own pages.
struct ApplicationSubmitting<Store: AccountStore & CredentialStore & RateLimitStore & SessionStore & AuthorizationStore & AuditLog & ApplicationStore>: Sendable {
    let kit: AccountKit<Store>
    let issuer: String

    enum Outcome {
        /// The form's problems, by field; nothing was counted or looked up.
        case refused(ApplicationDetails.Problems)
        /// The account has no e-mail address to answer to.
        case needsEmail
        /// The account's budget is spent until then; nothing was looked up.
        case tooMany(until: Date)
        /// The number belongs to a business of the register: link it by customer number instead.
        case registered
        /// The number has an open application, whoever sent it.
        case underReview
        case submitted(BusinessApplication)

        /// The status of the form page that answers an outcome that sent nothing.
        var status: HTTPResponse.Status {
            if case .tooMany = self { .tooManyRequests } else { .badRequest }
        }

        /// Whether the form page leads to linking by customer number instead: the number is the register's.
        var leadsToLinking: Bool {
            if case .registered = self { true } else { false }
        }
    }

    /// Who applies: the account as it is now, with the personnummer only when this session logged in with BankID.
    /// The name is the account's, empty when it has none: each page that shows the applicant names them by the
    /// address alone then.
    static func applicant(_ account: Account, session: LoginSession, language: PageLanguage) -> Applicant? {
        guard let email = account.email else { return nil }
        let name = [account.givenName, account.familyName]
            .compactMap { $0?.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
        let bankID = StaffLoginMethod.of(amr: session.amr) == .bankid
        return Applicant(
            accountID: account.id, name: name, email: email, personalNumber: bankID ? account.personalNumber : nil, language: language)
    }

    func submit(_ form: [String: String], account: Account, session: LoginSession, language: PageLanguage, source: String) async throws -> Outcome {
        guard let applicant = Self.applicant(account, session: session, language: language) else { return .needsEmail }
        let now = kit.now()
        let details: ApplicationDetails
        switch ApplicationDetails.parse(form, today: now) {
        case .success(let parsed): details = parsed
        case .failure(let problems): return .refused(problems)
        }
        // Counted for every answer, the register's and the open applications' alike: the form cannot list them.
        let limit = Limits.applicationsPerAccount
        let claim = try await kit.store.claim(key: limit.key(account.id), limit: limit, now: now)
        guard claim.isAllowed else {
            try await refused("limit", details, account, source: source)
            switch claim.decision {
            case .refused(let until), .wait(let until): return .tooMany(until: until)
            case .allow: return .tooMany(until: now)
            }
        }
        let (mail, issuer) = (kit.mail, issuer)
        // The received-mail is queued in the submission's transaction: there is one if and only if it was stored.
        let submission = try await kit.store.submitApplication(details, applicant: applicant, at: now, source: source) { application in
            mail.message(
                to: MailAddress(address: applicant.email),
                text: .applicationReceived(
                    business: details.name, organisationNumber: details.organisationNumber.masked, reference: application.reference,
                    link: issuer + ApplicationRoutes.application(application.id) + "?lang=\(language.rawValue)", language: language, ui: mail.ui))
        }
        switch submission {
        case .registered:
            try await refused("registered", details, account, source: source)
            return .registered
        case .underReview:
            try await refused("under_review", details, account, source: source)
            return .underReview
        case .submitted(let application):
            return .submitted(application)
        }
    }

    /// A submission that stored nothing, audited so that someone trying numbers shows in the log.
    private func refused(_ reason: String, _ details: ApplicationDetails, _ account: Account, source: String) async throws {
        try await kit.audit(
            "application.refused", actor: "account:\(account.id)", source: source,
            details: ["reason": reason, "org_number": details.organisationNumber.masked])
    }

    /// What the form says of an outcome that sent nothing: messages by field (`form` for the form's own notice).
    static func errors(_ outcome: Outcome, _ text: PageText) -> [String: String] {
        switch outcome {
        case .refused(let problems):
            Dictionary(uniqueKeysWithValues: problems.byField.map { ($0.key.rawValue, text.applicationProblem($0.value, at: $0.key)) })
        case .needsEmail: ["form": text.applicationNeedsEmail]
        case .tooMany(let until): ["form": text.tooManyApplications(until: PageTime.minute(until))]
        case .registered: [ApplicationDetails.Field.organisationNumber.rawValue: text.organisationNumberRegistered]
        case .underReview: [ApplicationDetails.Field.organisationNumber.rawValue: text.organisationNumberUnderReview]
        case .submitted: [:]
        }
    }
}
