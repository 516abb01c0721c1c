import Foundation
import Hummingbird
import PortvaktCore
import PortvaktStore

/// The application form inside an authorization that asks for `business` ("Ny kund?" on the onboarding page),
/// addressed by `?request=ID` in the flow group like the onboarding it belongs to: the same pending request, session
/// and CSRF token (`BusinessOnboarding.identify`), the same form and rules as the account console
/// (`ApplicationSubmitting`). Sent, it goes back to the onboarding page, which shows the application's status with
/// "Avbryt" until a reviewer approves it, and then the activation step.
struct PendingApplication<Store: AccountStore & CredentialStore & RateLimitStore & SessionStore & AuthorizationStore & AuditLog & BusinessStore & ApplicationStore>: Sendable {
    let kit: AccountKit<Store>
    let onboarding: BusinessOnboarding<Store>
    let submitting: ApplicationSubmitting<Store>

    func addRoutes(to group: RouterGroup<FlowRequestContext>) {
        group.get(RouterPath(ApplicationRoutes.pendingApply)) { request, context in try await form(request, context.flow) }
        group.post(RouterPath(ApplicationRoutes.pendingApply)) { request, context in try await submit(request, context.flow, form: context.form) }
    }

    func form(_ request: Request, _ flow: FlowRequest) async throws -> Response {
        switch try await onboarding.identify(request, flow, form: nil) {
        case .answer(let response): return response
        case .asker(let asker): return render(flow, asker)
        }
    }

    private func render(
        _ flow: FlowRequest, _ asker: BusinessOnboarding<Store>.Asker, values: [String: String] = [:], errors: [String: String] = [:],
        linkInstead: Bool = false, status: HTTPResponse.Status = .ok
    ) -> Response {
        let text = flow.text
        let onboardingPage = flow.link(PendingRoutes.onboarding)
        let applicant = ApplicationSubmitting<Store>.applicant(asker.account, session: asker.session, language: flow.language)
        let forms = ApplicationForms(text: text, action: ApplicationRoutes.pendingApply, hidden: onboarding.hidden(flow, asker))
        let form = applicant.map {
            forms.applicationForm(applicant: $0, values: values, errors: errors, linkInstead: linkInstead ? onboardingPage : nil)
        }
        return kit.render(
            FormPage(
                title: text.applicationFormTitle, notice: applicant == nil ? text.applicationNeedsEmail : nil,
                forms: (form.map { [$0] } ?? []) + [onboarding.cancelForm(flow, asker)],
                links: [(onboardingPage, text.linkWithCustomerNumberInstead)]),
            flow: flow, switchPath: ApplicationRoutes.pendingApply, status: status)
    }

    func submit(_ request: Request, _ flow: FlowRequest, form posted: [String: String]) async throws -> Response {
        guard case .asker(let asker) = try await onboarding.identify(request, flow, form: posted) else { throw PageError.expired(flow) }
        let outcome = try await submitting.submit(
            posted, account: asker.account, session: asker.session, language: flow.language, source: flow.source)
        let errors = ApplicationSubmitting<Store>.errors(outcome, flow.text)
        switch outcome {
        // Post/redirect/get: the onboarding page shows the application's status now, with the confirmation.
        case .submitted: return .redirect(to: flow.link(PendingRoutes.onboarding) + "&applied=1", type: .normal)
        case .tooMany, .registered, .refused, .needsEmail, .underReview:
            return render(flow, asker, values: posted, errors: errors, linkInstead: outcome.leadsToLinking, status: outcome.status)
        }
    }
}
