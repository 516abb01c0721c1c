import Hummingbird
import PortvaktCore
import PortvaktStore

/// The boundary of one application's pages (`/account/applications/{application}/**`): the application in the path
/// must be the visitor's own. Anyone else gets the "no such page" page, which tells nothing about the application.
struct ApplicationMiddleware<Store: ApplicationStore>: RouterMiddleware {
    typealias Context = AccountRequestContext

    let store: Store

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let language = context.visitor.flow.language
        guard let text = context.parameters.get("application"), text.count <= 18, let id = Int64(text), id > 0,
            let application = try await store.application(id: id), application.applicant.accountID == context.visitor.account.id
        else { throw PageError.notFound(language) }
        var context = context
        context.application = application
        return try await next(request, context)
    }
}
