import Hummingbird
import PortvaktCore

/// A way to log in (e-mail + password + code, BankID, ...). It serves its own pages under `startPath` and,
/// when the user has proven who they are, hands the result to `LoginCompletion`. The login page lists every
/// registered method; there is no other way to make a session.
public protocol LoginMethod: Sendable {
    /// A short id, as in `amr` and logs: `password`, `bankid`.
    var id: String { get }
    /// Where the login page links to; the pending request's id is added as `?request=`.
    var startPath: String { get }
    /// The `acr` values this method produces, for discovery's `acr_values_supported`.
    var acrValues: [String] { get }
    /// The link's text in `language`.
    func label(_ language: PageLanguage) -> String
    /// Adds the method's pages to the flow group: each handler gets the flow (`FlowRequestContext`), with the
    /// browser, the language and the pending request already established.
    func addRoutes(to flow: RouterGroup<FlowRequestContext>, completion: LoginCompletion)
}
