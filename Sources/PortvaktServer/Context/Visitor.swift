import Foundation
import PortvaktCore
import PortvaktStore

/// The logged-in user of an account page: their session, their account, and the page's flow (language, browser,
/// address), with the CSRF token of the account pages' forms.
struct Visitor: Sendable {
    var flow: FlowRequest
    var account: Account
    var session: LoginSession
    var sessionDigest: [UInt8]
    /// The token every account form carries; `AccountMiddleware` has verified it on every POST.
    var csrf: String

    /// The hidden fields every account form carries.
    var hidden: [(name: String, value: String)] {
        [("csrf", csrf), ("lang", flow.language.rawValue)]
    }

    /// The actor of audit records.
    var actor: String { "account:\(account.id)" }
}
