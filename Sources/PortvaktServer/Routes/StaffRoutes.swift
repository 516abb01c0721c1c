/// The paths of the operator's staff desk: its own route group and request context (`StaffMiddleware`).
public enum StaffRoutes {
    /// The desk's start: the application queue (`?status=`, open ones by default).
    public static let desk = "/staff"
    /// One application, with its checks, history and the reviewer's decisions.
    static let applicationPattern = "/staff/applications/{application}"

    public static func application(_ id: Int64) -> String { "/staff/applications/\(id)" }

    /// A reviewer's decisions, relative to the application's page.
    enum Operation {
        static let approve = "approve"
        static let requestInformation = "request-info"
        static let reject = "reject"
    }

    static func approve(_ id: Int64) -> String { application(id) + "/approve" }
    static func requestInformation(_ id: Int64) -> String { application(id) + "/request-info" }
    static func reject(_ id: Int64) -> String { application(id) + "/reject" }
}
