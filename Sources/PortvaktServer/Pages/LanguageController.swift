import Hummingbird
import PortvaktCore

/// `/language?lang=en&back=/path`: the footer link. It keeps the choice in a cookie and goes back to the page
/// (a path of this server; anything else goes to the login page).
struct LanguageController: Sendable {
    let languages: LanguageChoice

    func addRoutes(to router: Router<PortvaktRequestContext>) {
        router.get(RouterPath(LanguageRoutes.choose)) { request, _ in
            let query = request.uri.queryParameters
            guard let language = query["lang"].flatMap({ PageLanguage(rawValue: String($0)) }) else {
                throw PageError.notFound()
            }
            let back = ReturnTarget(query["back"].map(String.init), flowPages: true)?.path ?? PendingRoutes.login
            var response = Response.redirect(to: back, type: .normal)
            response.setCookie(languages.cookie(language))
            return response
        }
    }
}
