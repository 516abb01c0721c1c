import Foundation
import HTTPTypes
import Hummingbird
import PortvaktCore
import PortvaktStore

/// The operator's staff desk: its own route group (`/staff/**`) behind `AccountMiddleware` and `StaffMiddleware`,
/// in the staff context, with each role's pages in that role's child context. The reviewer's (handläggare) are the
/// application queue, one application with its checks and history, and the three decisions. The customer
/// service's role, `support`, has no pages of its own here: a role's pages go beside these, in its own child context.
struct StaffDesk<Store: ApplicationStore & AccountStore>: Sendable {
    let store: Store
    /// A reviewer's decision: the store's one transaction, with the applicant's mail queued in it.
    let review: ApplicationReview
    let pages: PageRenderer
    /// `applications.customer_numbers`, for the operator's message when it is used up.
    let customerNumbers: CustomerNumberRange
    let now: @Sendable () -> Date

    /// The desk's routes; `staff` is the staff context's group (`AccountMiddleware`, `StaffMiddleware`).
    func addRoutes(to staff: RouterGroup<StaffRequestContext>) {
        // Deciding applications: the reviewer's pages.
        let reviewer = staff.group(context: ReviewerRequestContext.self)
        reviewer.get(RouterPath(StaffRoutes.desk)) { request, context in
            try await queue(context, status: request.uri.queryParameters["status"].map(String.init))
        }
        reviewer.get(RouterPath(StaffRoutes.applicationPattern)) { request, context in
            let application = try await application(context)
            let done = request.uri.queryParameters["done"].map(String.init)
            return try await applicationPage(context, application, notice: notice(done, application, context))
        }
        let one = reviewer.group(RouterPath(StaffRoutes.applicationPattern))
        one.get(RouterPath(StaffRoutes.Operation.approve)) { request, context in
            try await confirmApproval(
                context, try await self.application(context), seenVersion: request.uri.queryParameters["version"].flatMap { Int64(String($0)) })
        }
        one.post(RouterPath(StaffRoutes.Operation.approve)) { _, context in
            try await approve(context, try await self.application(context), confirmed: context.form["confirm"] == "yes")
        }
        one.post(RouterPath(StaffRoutes.Operation.requestInformation)) { _, context in
            try await requestInformation(context, try await self.application(context))
        }
        one.post(RouterPath(StaffRoutes.Operation.reject)) { _, context in try await reject(context, try await self.application(context)) }
    }

    /// The application in the path; the "no such page" page for anything else.
    func application(_ context: ReviewerRequestContext) async throws -> BusinessApplication {
        guard let text = context.parameters.get("application"), text.count <= 18, let id = Int64(text), id > 0,
            let application = try await store.application(id: id)
        else { throw PageError.notFound(context.visitor.flow.language) }
        return application
    }

    // MARK: - The desk's pages

    /// A desk page: the desk's navigation (the sections the member's roles open), then `values`. Its footer switch
    /// comes back to `path` (a desk address, with its query) in the other language.
    func render(
        _ visitor: Visitor, roles: Set<StaffRole>, title: String, path: String, values: [String: Any], status: HTTPResponse.Status = .ok
    ) -> Response {
        let language = visitor.flow.language
        var page = values
        page["wide"] = true
        page["navigation"] = navigation(visitor, roles: roles, current: path)
        var response = pages.render(
            "staff", title: title, language: language, values: page, status: status,
            switchLanguageHref: LanguageChoice.switchLink(from: language, back: path))
        if let cookie = visitor.flow.newCookie { response.setCookie(cookie) }
        return response
    }

    /// The desk's sections for these roles, the current one marked.
    func navigation(_ visitor: Visitor, roles: Set<StaffRole>, current path: String) -> [String: Any] {
        let text = visitor.flow.text.desk
        var items: [[String: Any]] = []
        if roles.contains(.reviewer) {
            let current = path.split(separator: "?").first == Substring(StaffRoutes.desk)
            items.append(["href": link(StaffRoutes.desk, visitor), "text": text.queueTitle, "current": current])
        }
        return ["label": text.deskNavigation, "items": items]
    }

    /// A form's page of its own (a confirm step), in the desk's language.
    func render(_ visitor: Visitor, _ page: FormPage, path: String) -> Response {
        let language = visitor.flow.language
        var response = pages.render(
            "form", title: page.title, language: language, values: page.values,
            switchLanguageHref: LanguageChoice.switchLink(from: language, back: path))
        if let cookie = visitor.flow.newCookie { response.setCookie(cookie) }
        return response
    }

    /// A desk address in the page's language.
    func link(_ path: String, _ visitor: Visitor) -> String {
        path + (path.contains("?") ? "&" : "?") + "lang=\(visitor.flow.language.rawValue)"
    }

    /// Post/redirect/get: the page again, with the notice `done` names.
    func redirect(_ path: String, _ visitor: Visitor, done: String? = nil) -> Response {
        .redirect(to: link(path, visitor) + (done.map { "&done=\($0)" } ?? ""), type: .normal)
    }

}
