/// The paths of a new customer's application: in the account console, and inside an authorization that asks for
/// `business` (addressed by `?request=ID` like the other pending pages).
public enum ApplicationRoutes {
    /// The application form ("Ny kund? Anslut din verksamhet till pantsystemet").
    public static let new = "/account/applications/new"
    /// One application: its status, the reviewer's question and the answer form, withdrawing.
    static let pattern = "/account/applications/{application}"
    /// The application form and its status page inside an authorization.
    public static let pendingApply = "/authorize/business/apply"

    public static func application(_ id: Int64) -> String { "/account/applications/\(id)" }

    /// The applicant's operations, relative to the application's page.
    enum Operation {
        static let answer = "answer"
        static let withdraw = "withdraw"
    }

    public static func answer(_ id: Int64) -> String { application(id) + "/answer" }
    public static func withdraw(_ id: Int64) -> String { application(id) + "/withdraw" }
}
