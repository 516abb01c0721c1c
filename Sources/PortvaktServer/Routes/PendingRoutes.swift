/// The pages of a pending authorization request, each addressed by `?request=ID`.
public enum PendingRoutes {
    public static let login = "/login"
    public static let consent = "/consent"
    public static let resume = "/authorize/resume"
    public static let business = "/authorize/business"

    public static func url(_ route: String, _ id: String) -> String { "\(route)?request=\(id)" }
}
