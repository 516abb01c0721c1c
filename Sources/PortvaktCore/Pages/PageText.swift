/// Every text the pages show, in each language. The texts are data: `PageText.json` holds the general ones, each key's
/// Swedish and English text, and the build embeds it (the EmbedDataFiles plugin); the accessors name their keys.
public struct PageText: Sendable {
    public let language: PageLanguage

    public init(_ language: PageLanguage) {
        self.language = language
    }

    /// The general texts' catalogue (the features' texts have their own beside them, such as `AccountText.json`),
    /// checked once; the tests load the same file, so a broken one never ships.
    static let pageTexts = try! TextCatalogue(json: pageTextJSON, file: "PageText.json")

    /// The text of `key` in this page's language with `values` in its placeholders.
    func pageText(_ key: String, _ values: [String: String] = [:]) -> String {
        Self.pageTexts.text(key, language, values)
    }

    public var errorTitle: String { pageText("errorTitle") }
    public var errorLead: String { pageText("errorLead") }
    public var loginTitle: String { pageText("loginTitle") }
    public var loginLead: String { pageText("loginLead") }
    public var noLoginMethods: String { pageText("noLoginMethods") }
    public var consentTitle: String { pageText("consentTitle") }
    public func consentLead(_ client: String) -> String { pageText("consentLead", ["client": client]) }
    public var approve: String { pageText("approve") }
    public var deny: String { pageText("deny") }
    public var logoutTitle: String { pageText("logoutTitle") }
    public var logoutQuestion: String { pageText("logoutQuestion") }
    public var logoutConfirm: String { pageText("logoutConfirm") }
    public var loggedOut: String { pageText("loggedOut") }
    public var supportLink: String { pageText("supportLink") }
    public var logInAfterLogout: String { pageText("logInAfterLogout") }
    public var switchLanguage: String { pageText("switchLanguage") }

    /// Plain-language descriptions of scopes for the consent page.
    public func describe(scope: String) -> String? {
        switch scope {
        case "openid": pageText("scope.openid")
        case "profile": pageText("scope.profile")
        case "email": pageText("scope.email")
        case "offline_access": pageText("scope.offline_access")
        case "ssn": pageText("scope.ssn")
        case "memberships": pageText("scope.memberships")
        case "memberships:manage": pageText("scope.memberships:manage")
        default:
            if scope == "business" || BusinessScope.customerNumber(in: scope) != nil {
                pageText("scope.business")
            } else {
                nil
            }
        }
    }
}

extension PageText {
    public var startAgainLink: String { pageText("startAgainLink") }
    public var pageNotFound: String { pageText("pageNotFound") }
    public var pageForbidden: String { pageText("pageForbidden") }
    /// The link to the account page, named for the service (`ui.service_name`).
    public func toAccountLink(_ serviceName: String) -> String { pageText("toAccountLink", ["serviceName": serviceName]) }
    public var tooManyRequests: String { pageText("tooManyRequests") }
    public var temporarilyUnavailable: String { pageText("temporarilyUnavailable") }
    public var tryAgainLink: String { pageText("tryAgainLink") }
}
