import Foundation
import Hummingbird
import PortvaktCore
import PortvaktStore

/// The application queue, the desk's start for a reviewer: applications of one status (the open ones unless
/// `?status=` names another), the oldest first, each with its age, linking to its page.
extension StaffDesk {
    /// The most applications one page of the queue shows.
    static var queueLength: Int { 500 }

    func queue(_ context: ReviewerRequestContext, status given: String?) async throws -> Response {
        let visitor = context.visitor
        let text = visitor.flow.text.desk
        var chosen: ApplicationStatus?
        var error: String?
        if let given, !given.isEmpty, given != "open" {
            if let status = ApplicationStatus(rawValue: given) { chosen = status } else { error = text.unknownStatus }
        }
        let found = try await store.applications(statuses: chosen.map { [$0] } ?? ApplicationStatus.open, limit: Self.queueLength + 1)
        let shown = found.prefix(Self.queueLength)
        let now = now()
        let rows: [[String: Any]] = shown.map { application in
            [
                "href": link(StaffRoutes.application(application.id), visitor), "reference": application.reference,
                "name": application.details.name, "organisationNumber": application.details.organisationNumber.masked,
                "kind": text.kind(application.details.kind), "applicant": Self.named(application.applicant),
                "status": text.status(application.status), "age": text.age(now.timeIntervalSince(application.createdAt)),
            ]
        }
        // The filter is a form that asks for a page (GET): a choice and a button, by keyboard as by pointer.
        let filters: [[String: Any]] = ([nil] + ApplicationStatus.allCases.map(Optional.some)).map { status in
            ["value": status?.rawValue ?? "open", "text": status.map(text.filter) ?? text.filterOpen, "current": status == chosen]
        }
        var queue: [String: Any] = [
            "lead": text.queueLead, "filterLabel": text.filterLabel, "filters": filters, "filterAction": StaffRoutes.desk,
            "filterHidden": [["name": "lang", "value": visitor.flow.language.rawValue]], "filterButton": text.filterButton, "rows": rows,
            "hasRows": !rows.isEmpty,
            "caption": text.queueCaption(filter: chosen.map(text.filter) ?? text.filterOpen), "empty": text.noApplications,
            "referenceColumn": text.referenceColumn, "businessColumn": text.businessColumn, "organisationNumberColumn": text.organisationNumberColumn,
            "kindColumn": text.kindColumn, "applicantColumn": text.applicantColumn, "statusColumn": text.statusColumn, "ageColumn": text.ageColumn,
        ]
        if found.count > Self.queueLength { queue["truncated"] = text.queueTruncated(count: Self.queueLength) }
        var values: [String: Any] = ["queue": queue]
        values["error"] = error
        let path = StaffRoutes.desk + (chosen.map { "?status=\($0.rawValue)" } ?? "")
        return render(visitor, roles: context.roles, title: text.queueTitle, path: path, values: values, status: error == nil ? .ok : .badRequest)
    }
}
