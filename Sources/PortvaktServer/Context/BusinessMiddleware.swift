import Hummingbird
import PortvaktCore
import PortvaktStore

/// The boundary of one business's pages (`/account/businesses/{customer}/**`): the visitor must be a member of
/// the business in the path. Anyone else gets the "no such page" page, which tells nothing about the business.
struct BusinessMiddleware<Store: BusinessStore>: RouterMiddleware {
    typealias Context = AccountRequestContext

    let store: Store

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let language = context.visitor.flow.language
        guard let number = context.parameters.get("customer"), Business.isCustomerNumber(number),
            let found = try await store.memberships(accountID: context.visitor.account.id).first(where: { $0.business.customerNumber == number })
        else { throw PageError.notFound(language) }
        var context = context
        context.membership = BusinessMembership(business: found.business, role: found.role)
        return try await next(request, context)
    }
}
